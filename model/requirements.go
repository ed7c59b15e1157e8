package model

// Requirement is one row of the catalogue of network requirements the
// standard intents come from (azure-semantics.md §7; docs/requirements.md is
// generated from this list). Source and Destination are written with
// placeholders the engine fills per endpoint:
//
//	{nodes}        the endpoint's node addresses
//	{frontend}     an AKS scoring endpoint's frontend
//	{subnet}       the endpoint's subnet
//	{region}       the endpoint's region, as the service-tag file spells it
//	{batch}        the Batch account's nodeManagement private endpoint, else BatchNodeManagement.{region}
//	{storage}      the workspace's storage account, else every StorageAccount endpoint, else Storage.{region}
//	{registry}     every ContainerRegistry endpoint (the workspace's first), else AzureContainerRegistry.{region}
//	{keyvault}     every KeyVault endpoint (the workspace's first)
//	{clients}      every External endpoint, else Internet
type Requirement struct {
	Intent      string
	Kinds       []EndpointKind
	Source      string
	Destination string
	Ports       []string // "443", "Udp:5831": ports on Tcp unless prefixed
	Fqdn        string   // the name the flow uses, for firewall application rules
	When        string   // the condition, in words
	Optional    bool     // generated only when the destination's service tag is defined
	Article     string
	Quote       string
}

var (
	amlKinds        = []EndpointKind{AmlCompute, ComputeInstance}
	aksKinds        = []EndpointKind{AksCluster, AksScoring}
	amlTraining     = "Secure an Azure Machine Learning training environment with virtual networks (how-to-secure-training-vnet)"
	amlFirewall     = "Configure inbound and outbound network traffic (how-to-access-azureml-behind-firewall)"
	batchSimplified = "Use simplified compute node communication (Azure Batch); NodeCommunicationMode (Azure Batch API)"
	design          = "azure-semantics.md §7 (from the 2019 seed articles on Azure ML in a virtual network; no current article states it)"
	aksOutbound     = "Outbound network and FQDN rules for Azure Kubernetes Service (AKS) clusters (outbound-rules-control-egress)"
)

// Requirements is the catalogue, in the order intents are generated for an
// endpoint.
var Requirements = []Requirement{
	{Intent: "aml-to-node", Kinds: amlKinds, Source: "AzureMachineLearning", Destination: "{nodes}", Ports: []string{"44224"},
		When: "the compute has a public IP", Article: amlTraining,
		Quote: "AzureMachineLearning | Any | VirtualNetwork | 44224 | Inbound to compute instance/cluster. Only needed if the instance/cluster is configured to use a public IP address."},
	{Intent: "batch-to-node", Kinds: []EndpointKind{AmlCompute, BatchPool}, Source: "BatchNodeManagement.{region}", Destination: "{nodes}", Ports: []string{"29876-29877"},
		When: "nodeCommunication Classic (retired) and a public IP", Article: batchSimplified,
		Quote: "Nodes using the classic communication mode require inbound TCP communication on ports 29876 and 29877 from the \"BatchNodeManagement.{region}\" service tag. The classic compute node communication mode will be retired on 31 March 2026."},
	{Intent: "node-to-batch", Kinds: []EndpointKind{AmlCompute, ComputeInstance, BatchPool}, Source: "{nodes}", Destination: "{batch}", Ports: []string{"443"},
		When: "always", Article: batchSimplified + "; " + amlFirewall,
		Quote: "Nodes using the simplified communication mode require outbound TCP communication on port 443 to the \"BatchNodeManagement.{region}\" service tag. | ANY: 443 | BatchNodeManagement.region | Communication with Azure Batch back-end for Azure Machine Learning compute instances/clusters."},
	{Intent: "compute-to-storage", Kinds: []EndpointKind{AmlCompute, ComputeInstance, BatchPool}, Source: "{nodes}", Destination: "{storage}", Ports: []string{"443"},
		When: "Azure ML compute always; a Batch pool only with Classic node communication", Article: amlFirewall + "; " + batchSimplified,
		Quote: "TCP: 443 | Storage.region | Access data stored in the Azure Storage Account for compute cluster and compute instance. | Nodes using the classic communication mode require ... outbound TCP communication on port 443 to the \"Storage.region\" and \"BatchNodeManagement.{region}\" service tags."},
	{Intent: "compute-to-aml", Kinds: amlKinds, Source: "{nodes}", Destination: "AzureMachineLearning", Ports: []string{"443", "8787", "18881", "Udp:5831"},
		When: "always", Article: amlTraining,
		Quote: "AzureMachineLearning | 443, 8787, 18881 UDP: 5831 | Using Azure Machine Learning services."},
	{Intent: "compute-to-entra", Kinds: amlKinds, Source: "{nodes}", Destination: "AzureActiveDirectory", Ports: []string{"80", "443"},
		When: "the AzureActiveDirectory tag is defined", Optional: true, Article: amlTraining,
		Quote: "AzureActiveDirectory | 80, 443 | Authentication using Microsoft Entra ID."},
	{Intent: "compute-to-arm", Kinds: amlKinds, Source: "{nodes}", Destination: "AzureResourceManager", Ports: []string{"443"},
		When: "the AzureResourceManager tag is defined", Optional: true, Article: amlTraining,
		Quote: "AzureResourceManager | 443 | Creation of Azure resources with Azure Machine Learning."},
	{Intent: "compute-to-frontdoor", Kinds: amlKinds, Source: "{nodes}", Destination: "AzureFrontDoor.FrontEnd", Ports: []string{"443"},
		When: "the AzureFrontDoor.FrontEnd tag is defined", Optional: true, Article: amlTraining,
		Quote: "AzureFrontDoor.FrontEnd | 443 | Global entry point for Azure Machine Learning studio. Store images and environments for AutoML."},
	{Intent: "compute-to-mcr", Kinds: amlKinds, Source: "{nodes}", Destination: "MicrosoftContainerRegistry.{region}, AzureFrontDoor.FirstParty", Ports: []string{"443"},
		When: "the MicrosoftContainerRegistry.region and AzureFrontDoor.FirstParty tags are defined", Optional: true, Article: amlTraining,
		Quote: "MicrosoftContainerRegistry.<region> | 443 | Access docker images provided by Microsoft. | Frontdoor.FirstParty | 443 | Access docker images provided by Microsoft."},
	{Intent: "compute-to-monitor", Kinds: amlKinds, Source: "{nodes}", Destination: "AzureMonitor", Ports: []string{"443"},
		When: "the AzureMonitor tag is defined", Optional: true, Article: amlTraining,
		Quote: "AzureMonitor | 443 | Used to log monitoring and metrics to Azure Monitor."},
	{Intent: "compute-to-registry", Kinds: amlKinds, Source: "{nodes}", Destination: "{registry}", Ports: []string{"443"},
		When: "always", Article: amlFirewall,
		Quote: "AzureContainerRegistry.region | TCP: 443 | Access Docker images for environments."},
	{Intent: "compute-to-keyvault", Kinds: amlKinds, Source: "{nodes}", Destination: "{keyvault}", Ports: []string{"443"},
		When: "a KeyVault endpoint is declared", Article: design,
		Quote: "compute-to-keyvault | AmlCompute, ComputeInstance | the nodes | each KeyVault endpoint | Tcp 443 | when one is declared"},
	{Intent: "aml-to-ssh", Kinds: []EndpointKind{VirtualMachine}, Source: "AzureMachineLearning", Destination: "{nodes}", Ports: []string{"22"},
		When: "the VM is attached to the workspace (attachedTo) and has a public IP", Article: design,
		Quote: "Attached VMs: AzureMachineLearning to TCP 22 only for a VM the workspace uses as attached compute, not for every VM."},
	{Intent: "aml-to-aks", Kinds: []EndpointKind{AksScoring}, Source: "AzureMachineLearning", Destination: "{frontend}", Ports: []string{"443"},
		When: "a Public frontend", Article: design,
		Quote: "aml-to-aks | AksScoring | AzureMachineLearning | the scoring frontend | Tcp 443 | Public frontend"},
	{Intent: "client-to-scoring", Kinds: []EndpointKind{AksScoring}, Source: "{clients}", Destination: "{frontend}", Ports: []string{"{ports}"},
		When: "always", Article: design,
		Quote: "client-to-scoring | AksScoring | each External endpoint, else Internet | the scoring frontend | Tcp, the endpoint's ports | always"},
	{Intent: "aks-to-registry", Kinds: []EndpointKind{AksScoring}, Source: "{subnet}", Destination: "{registry}", Ports: []string{"443"},
		When: "always", Article: amlFirewall,
		Quote: "AzureContainerRegistry.region | TCP: 443 | Access Docker images for environments."},
	{Intent: "aks-to-mcr", Kinds: aksKinds, Source: "{nodes}", Destination: "MicrosoftContainerRegistry.{region}", Ports: []string{"443"}, Fqdn: "mcr.microsoft.com",
		When: "the MicrosoftContainerRegistry.region tag is defined", Optional: true, Article: aksOutbound,
		Quote: "mcr.microsoft.com | HTTPS:443 | Required to access images in Microsoft Container Registry (MCR)."},
	{Intent: "aks-to-apiserver", Kinds: aksKinds, Source: "{nodes}", Destination: "AzureCloud.{region}", Ports: []string{"443"}, Fqdn: "{name}.hcp.{region}.azmk8s.io",
		When: "the AzureCloud.region tag is defined", Optional: true, Article: aksOutbound,
		Quote: "*.hcp.<location>.azmk8s.io | HTTPS:443 | Required for Node <-> API server communication."},
}

// RequirementFor finds a catalogue row by intent name.
func RequirementFor(intent string) *Requirement {
	for i := range Requirements {
		if Requirements[i].Intent == intent {
			return &Requirements[i]
		}
	}
	return nil
}
