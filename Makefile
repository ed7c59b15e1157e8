# vnetsim: two commands on a fresh machine.
#   make demo   builds vnetsim and checks the shipped example
#   make test   everything CI runs
GO          ?= go
BIN         := bin/vnetsim
STATICCHECK := $(shell $(GO) env GOPATH)/bin/staticcheck
STATICCHECK_VERSION := v0.8.2
FUZZTIME    ?= 15s
EXAMPLE     := scenarios/topologies/aml-secure.yaml
# vnetsim --version: the checkout's git description (Go's own VCS stamp
# does not see git worktrees); go install ...@vX.Y.Z stamps the version.
VERSION     ?= $(shell git describe --tags --always --dirty 2>/dev/null)

.PHONY: build demo test lint unit fuzz scenarios bench tools

build:
	$(GO) build $(if $(VERSION),-ldflags "-X main.version=$(VERSION)") -o $(BIN) ./cmd/vnetsim

# check exits 1 when an intent fails, which the example shows on purpose.
demo: build
	$(BIN) check $(EXAMPLE) || [ $$? -eq 1 ]

test: lint unit fuzz scenarios

tools:
	@test -x $(STATICCHECK) || $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)

lint: tools
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$unformatted" ]; then echo "not gofmt-clean:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(STATICCHECK) ./...

unit:
	$(GO) test -count=1 ./...

# Bounded fuzzing: the loader, the packet-set algebra, the engine
# against the brute-force oracle, and the importer (every input form) and
# ARM template evaluator.
FUZZ = $(GO) test -run '^$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 2s
fuzz:
	$(FUZZ) -fuzz '^FuzzLoad$$' ./model/
	$(FUZZ) -fuzz '^FuzzSetOps$$' ./sim/hs/
	$(FUZZ) -fuzz '^FuzzOracle$$' ./sim/
	$(FUZZ) -fuzz '^FuzzImport$$' ./model/azure/
	$(FUZZ) -fuzz '^FuzzTemplate$$' ./model/azure/template/

# The scenario library is the regression suite users copy.
scenarios: build
	$(BIN) test scenarios/

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...
