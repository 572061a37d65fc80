# `sam build` (BuildMethod: makefile) runs `make build-AuditFunction ARTIFACTS_DIR=...` in a copy of this
# directory: publish the Native AOT `bootstrap` for the build host's architecture (or ARCH=x64|arm64, which needs
# a cross toolchain when it is not the host's).
ARCH ?= $(if $(filter aarch64 arm64,$(shell uname -m)),arm64,x64)

.PHONY: build-AuditFunction
build-AuditFunction:
	test -n "$(ARTIFACTS_DIR)" || { echo "ARTIFACTS_DIR is not set" >&2; exit 2; }
	dotnet publish src/ImAudit.Function/ImAudit.Function.csproj -c Release -r linux-$(ARCH) -p:PublishAot=true -o "$(ARTIFACTS_DIR)"
	rm -f "$(ARTIFACTS_DIR)"/*.dbg "$(ARTIFACTS_DIR)"/*.pdb
	test -x "$(ARTIFACTS_DIR)/bootstrap"
