package model

// LoadBalancer is an Azure Load Balancer (azure-semantics.md §12): frontends
// that take traffic in, the backend pools it is spread over, and the rules
// between them; health probes decide which backends are in rotation.
type LoadBalancer struct {
	Meta                     `yaml:"-"`
	Name                     string            `yaml:"name,omitempty"`
	Sku                      PublicIPSku       `yaml:"sku,omitempty"` // Standard (default) or Basic (retired)
	FrontendIPConfigurations []*LBFrontend     `yaml:"frontendIPConfigurations,omitempty"`
	BackendAddressPools      []*LBBackendPool  `yaml:"backendAddressPools,omitempty"`
	LoadBalancingRules       []*LBRule         `yaml:"loadBalancingRules,omitempty"`
	InboundNatRules          []*LBInboundNat   `yaml:"inboundNatRules,omitempty"`
	OutboundRules            []*LBOutboundRule `yaml:"outboundRules,omitempty"`
	Probes                   []*LBProbe        `yaml:"probes,omitempty"`
}

// LBFrontend is a public frontend (publicIpAddress) or an internal one
// (privateIpAddress in subnet).
type LBFrontend struct {
	Meta             `yaml:"-"`
	Name             string `yaml:"name,omitempty"`
	PublicIPAddress  string `yaml:"publicIpAddress,omitempty"`
	PrivateIPAddress string `yaml:"privateIpAddress,omitempty"`
	Subnet           string `yaml:"subnet,omitempty"`
}

// LBBackendPool names the endpoints whose NICs are in the pool.
type LBBackendPool struct {
	Meta    `yaml:"-"`
	Name    string   `yaml:"name,omitempty"`
	Members []string `yaml:"members,omitempty"`
}

// LBRule is a load-balancing rule: frontend port to backend port over the
// pool. Protocol All with ports 0 is HA ports (internal frontends only).
type LBRule struct {
	Meta                `yaml:"-"`
	Name                string     `yaml:"name,omitempty"`
	Frontend            string     `yaml:"frontend,omitempty"`
	BackendPool         string     `yaml:"backendPool,omitempty"`
	Protocol            LBProtocol `yaml:"protocol,omitempty"`
	FrontendPort        int        `yaml:"frontendPort"`
	BackendPort         int        `yaml:"backendPort"`
	Probe               string     `yaml:"probe,omitempty"`
	DisableOutboundSnat bool       `yaml:"disableOutboundSnat,omitempty"`
}

// LBInboundNat forwards one frontend port to one backend endpoint's port.
type LBInboundNat struct {
	Meta         `yaml:"-"`
	Name         string     `yaml:"name,omitempty"`
	Frontend     string     `yaml:"frontend,omitempty"`
	Protocol     LBProtocol `yaml:"protocol,omitempty"`
	FrontendPort int        `yaml:"frontendPort"`
	BackendPort  int        `yaml:"backendPort"`
	Target       string     `yaml:"target,omitempty"` // an endpoint name
}

// LBOutboundRule gives a pool's NICs outbound SNAT through frontends
// (azure-semantics.md §10).
type LBOutboundRule struct {
	Meta        `yaml:"-"`
	Name        string     `yaml:"name,omitempty"`
	Frontends   []string   `yaml:"frontends,omitempty"`
	BackendPool string     `yaml:"backendPool,omitempty"`
	Protocol    LBProtocol `yaml:"protocol,omitempty"` // All when empty
}

// LBProbe is a health probe: from 168.63.129.16 to the backend's port.
type LBProbe struct {
	Meta        `yaml:"-"`
	Name        string        `yaml:"name,omitempty"`
	Protocol    ProbeProtocol `yaml:"protocol,omitempty"`
	Port        int           `yaml:"port"`
	RequestPath string        `yaml:"requestPath,omitempty"`
}

type LBProtocol string
type ProbeProtocol string

const (
	LBTcp LBProtocol = "Tcp"
	LBUdp LBProtocol = "Udp"
	LBAll LBProtocol = "All"

	ProbeTcp   ProbeProtocol = "Tcp"
	ProbeHttp  ProbeProtocol = "Http"
	ProbeHttps ProbeProtocol = "Https"
)

func (LBProtocol) enumValues() []string    { return []string{"Tcp", "Udp", "All"} }
func (ProbeProtocol) enumValues() []string { return []string{"Tcp", "Http", "Https"} }

// Frontend finds a frontend by name.
func (lb *LoadBalancer) Frontend(name string) *LBFrontend {
	return findNamed(lb.FrontendIPConfigurations, name, func(f *LBFrontend) string { return f.Name })
}

// Pool finds a backend pool by name.
func (lb *LoadBalancer) Pool(name string) *LBBackendPool {
	return findNamed(lb.BackendAddressPools, name, func(p *LBBackendPool) string { return p.Name })
}

// ProbeNamed finds a probe by name.
func (lb *LoadBalancer) ProbeNamed(name string) *LBProbe {
	return findNamed(lb.Probes, name, func(p *LBProbe) string { return p.Name })
}
