# vnetsim: two commands on a fresh machine.
#   make demo   builds vnetsim and checks the shipped example
#   make test   everything CI runs
GO          ?= go
BIN         := bin/vnetsim
STATICCHECK := $(shell $(GO) env GOPATH)/bin/staticcheck
STATICCHECK_VERSION := v0.8.2
FUZZTIME    ?= 8s
EXAMPLE     := scenarios/topologies/aml-secure.yaml
# vnetsim --version: the checkout's git description (Go's own VCS stamp
# does not see git worktrees); go install ...@vX.Y.Z stamps the version.
VERSION     ?= $(shell git describe --tags --always --dirty 2>/dev/null)

.PHONY: build demo test lint unit race fuzz fuzz-long soak scenarios bench bench-limits tools

build:
	$(GO) build $(if $(VERSION),-ldflags "-X main.version=$(VERSION)") -o $(BIN) ./cmd/vnetsim

# check exits 1 when an intent fails, which the example shows on purpose.
demo: build
	$(BIN) check $(EXAMPLE) || [ $$? -eq 1 ]

test: lint unit race fuzz scenarios

tools:
	@test -x $(STATICCHECK) || $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)

lint: tools
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$unformatted" ]; then echo "not gofmt-clean:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(STATICCHECK) ./...

unit:
	$(GO) test -count=1 ./...

# The race detector on what runs work concurrently (the lint's NSGs side
# by side, service-tag lookups), cheaply: -short, and only the tests that
# exercise it. Name a test that runs concurrent code ...Concurrent... to
# have it here.
RACE_TESTS := Concurrent|Shadowed
race:
	$(GO) test -race -short -count=1 -run '$(RACE_TESTS)' ./model/servicetags/ ./sim/

# Bounded fuzzing of every input surface, PACKAGE:TARGET: the loader,
# overlays, scenarios, include graphs, the address and port parsers, both
# service-tag forms, the packet-set algebra, the engine against the
# brute-force oracle, the importer (every input form) and the ARM
# template evaluator. Seeds: each package's testdata/fuzz/TARGET and the
# targets' f.Add calls. make fuzz: FUZZTIME each (about 1.5 minutes in
# all); make fuzz-long (not in CI): 10 minutes each.
FUZZ_TARGETS := ./model/:FuzzLoad ./model/:FuzzOverlay ./model/:FuzzScenario ./model/:FuzzIncludes \
	./model/:FuzzAddrExpr ./model/servicetags/:FuzzLoad ./sim/hs/:FuzzSetOps ./sim/:FuzzOracle \
	./model/azure/:FuzzImport ./model/azure/template/:FuzzTemplate
fuzz:
	@set -e; for t in $(FUZZ_TARGETS); do \
	  echo "fuzz $${t#*:} in $${t%%:*} for $(FUZZTIME)"; \
	  $(GO) test -run '^$$' -fuzz "^$${t#*:}\$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 2s "$${t%%:*}"; \
	done

fuzz-long:
	$(MAKE) fuzz FUZZTIME=10m

# The engine against the brute-force oracle on SOAK_N random topologies
# (seeds SOAK_SEED on), in SOAK_JOBS processes side by side; not in CI
# (make test runs 600). Each process logs to bin/soak-N.log; the summary
# lines are printed, and the target fails if any process found a
# disagreement.
SOAK_N    ?= 100000
SOAK_SEED ?= 0
SOAK_JOBS ?= 2
soak:
	@mkdir -p bin
	$(GO) test -c -o bin/sim.test ./sim/
	@per=$$(( ($(SOAK_N) + $(SOAK_JOBS) - 1) / $(SOAK_JOBS) )); pids=; \
	for i in $$(seq 0 $$(( $(SOAK_JOBS) - 1 ))); do \
	  n=$$(( $(SOAK_N) - i * per )); [ $$n -gt $$per ] && n=$$per; [ $$n -le 0 ] && continue; \
	  (cd sim && VNETSIM_ORACLE_SEED=$$(( $(SOAK_SEED) + i * per )) VNETSIM_ORACLE_N=$$n \
	    ../bin/sim.test -test.run '^TestOracleAgreesWithEngine$$' -test.v -test.timeout 0 > ../bin/soak-$$i.log 2>&1) & \
	  pids="$$pids $$!"; \
	done; \
	status=0; for p in $$pids; do wait $$p || status=1; done; \
	grep -h 'topologies (seeds' bin/soak-*.log; \
	[ $$status -eq 0 ] || { echo "disagreements: see bin/soak-*.log"; exit 1; }

# The scenario library is the regression suite users copy.
scenarios: build
	$(BIN) test scenarios/

# Every benchmark; BenchmarkEstate runs each command beside the plain YAML
# decode of the same gen estate (hs10, hs100).
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

# The estate benchmarks at Azure's scale: 1,000 spokes and the Azure-limit
# estate (gen --azure-limits), once each. Takes a while.
bench-limits:
	VNETSIM_BENCH_ESTATES=hs10,hs100,hs1000,azure-limits $(GO) test -run '^$$' -bench Estate -benchtime 1x -benchmem -timeout 0 ./cmd/vnetsim
