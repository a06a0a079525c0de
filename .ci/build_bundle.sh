#!/usr/bin/env bash
# Build the self-contained Linux desktop bundle (PyInstaller, one folder) and smoke-test it:
#   .ci/build_bundle.sh            → dist/complaintdesk/complaintdesk
# Needs the venv of .ci/run (or makes one); installs the `bundle` extra (PyInstaller).
# The compiled translations (resources/translations/*.qm) are committed and checked by
# tests/ui/test_translations.py, so the bundle takes them as they are.
# The bundle is started offscreen: `--version`, then `smoke-test`, which opens the main window
# in French on a temporary demo database and exits 0 once it is shown.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "Python environment with PyInstaller"
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q -e ".[bundle]"

step "bundle"
start=$(date +%s)
.venv/bin/pyinstaller --noconfirm --log-level WARN \
  --distpath dist --workpath build/pyinstaller .ci/complaintdesk.spec
echo "built in $(($(date +%s) - start)) s: $(du -sh dist/complaintdesk | cut -f1) in dist/complaintdesk"

step "smoke test (offscreen)"
export QT_QPA_PLATFORM=offscreen
dist/complaintdesk/complaintdesk --version
dist/complaintdesk/complaintdesk smoke-test --complaints 200 --language fr
