#!/usr/bin/env bash
# Installs promptmcp from this checkout: libgit2 (Debian/Ubuntu) when missing, a release build,
# and the binary in PREFIX/bin (/usr/local as root, ~/.local otherwise). Safe to run again.
set -euo pipefail
cd "$(dirname "$0")"

if [ "$(id -u)" = 0 ]; then PREFIX=${PREFIX:-/usr/local}; else PREFIX=${PREFIX:-$HOME/.local}; fi

# libgit2 for both binaries; libcurl's development files to link promptmcp-mcp with a static
# Swift runtime (the MCP SDK pulls in FoundationNetworking, which links libcurl).
MISSING=()
pkg-config --exists libgit2 2>/dev/null || MISSING+=(libgit2-dev)
pkg-config --exists libcurl 2>/dev/null || MISSING+=(libcurl4-openssl-dev)
if [ ${#MISSING[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "install.sh: installing ${MISSING[*]}"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${MISSING[@]}" >/dev/null
    else
        echo "install.sh: promptmcp needs ${MISSING[*]}. Install as root, then run ./install.sh again:" >&2
        echo "    sudo apt-get install -y ${MISSING[*]}" >&2
        exit 1
    fi
fi

if ! command -v swift >/dev/null; then
    echo "install.sh: no Swift toolchain on PATH; install Swift 6 from https://swift.org/install" >&2
    exit 1
fi

# A static Swift runtime starts about 3 ms faster than the shared one, which a hook pays on every
# commit; stripping keeps the binary small.
# promptmcp-mcp is the MCP server that `promptmcp mcp` starts; it is installed beside promptmcp.
BUILD=(swift build -c release --static-swift-stdlib)
echo "install.sh: building promptmcp and promptmcp-mcp (${BUILD[*]})"
"${BUILD[@]}" --product promptmcp
"${BUILD[@]}" --product promptmcp-mcp
install -d "$PREFIX/bin"
install -m 755 -s "$("${BUILD[@]}" --show-bin-path)/promptmcp" "$PREFIX/bin/promptmcp"
install -m 755 -s "$("${BUILD[@]}" --show-bin-path)/promptmcp-mcp" "$PREFIX/bin/promptmcp-mcp"
echo "install.sh: installed $PREFIX/bin/promptmcp ($("$PREFIX/bin/promptmcp" --version))"

case ":$PATH:" in
    *":$PREFIX/bin:"*) ;;
    *) echo "install.sh: $PREFIX/bin is not on your PATH; add it, e.g. export PATH=\"$PREFIX/bin:\$PATH\"" ;;
esac
echo "next: in a git repository, run 'promptmcp check' to judge the staged change,"
echo "      'promptmcp init' for a starter policy and 'promptmcp install' for the git hook."
