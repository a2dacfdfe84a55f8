#!/usr/bin/env bash
# The installer a Windows user runs (scripts/windows-installer), silently as a deployment tool would, into a folder
# of this test's: the program and its notes installed, the folder on the user's PATH, "Apps & features" listing it,
# the installed program working from a new console by its bare name; then the uninstaller takes all of it back and
# leaves the rest of PATH as it was. Runs alone (RUN_SERIAL): PATH and the uninstall list are the Wine user's.
# Usage: installer_under_wine.sh WINE_RUN WINDOWS_INSTALLER BUILD_DIR
set -euo pipefail
wine_run=$1 windows_installer=$2 build=$3
work=$(mktemp -d)
uninstall_key='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\autocut'
fail() { echo "FAILED: $*" >&2; exit 1; }
user_path() { { "$wine_run" reg query 'HKCU\Environment' /v Path 2>/dev/null || true; } | sed -n 's/.*REG_[A-Z_]*SZ *//p' | tr -d '\r'; }
path_before=$(user_path)
restore() {
  if [[ -n $path_before ]]; then
    "$wine_run" reg add 'HKCU\Environment' /v Path /t REG_EXPAND_SZ /d "$path_before" /f >/dev/null 2>&1
  else
    "$wine_run" reg delete 'HKCU\Environment' /v Path /f >/dev/null 2>&1 || true
  fi
  "$wine_run" reg delete "$uninstall_key" /f >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap restore EXIT

# Another folder the user already has on PATH, which must outlive the uninstall.
"$wine_run" reg add 'HKCU\Environment' /v Path /t REG_EXPAND_SZ /d 'C:\Users\Public\tools' /f >/dev/null 2>&1
setup=$("$windows_installer" "$build")
cp "$setup" "$work/autocut-setup-x64.exe"
target=$(winepath -w "$work/installed" 2>/dev/null)
"$wine_run" "$(winepath -w "$work/autocut-setup-x64.exe" 2>/dev/null)" /S "/D=$target"
[[ -f $work/installed/autocut.exe && -f $work/installed/README.txt && -f $work/installed/uninstall.exe ]] ||
  fail "the program, its notes and the uninstaller are installed"
[[ $(user_path) == "C:\\Users\\Public\\tools;$target" ]] || fail "the folder added to the user's PATH: $(user_path)"
listing=$("$wine_run" reg query "$uninstall_key" 2>/dev/null | tr -d '\r')
grep -q "DisplayName *REG_SZ *autocut" <<<"$listing" || fail "listed in Apps & features: $listing"
grep -q "InstallLocation *REG_SZ *${target//\\/\\\\}" <<<"$listing" || fail "its install location: $listing"

# A new console takes PATH from the registry: the bare name finds the installed program.
output=$("$wine_run" cmd /c "set PATH=%SystemRoot%\\system32;$target&& autocut profile --no-save")
grep -q "Runtime mode" <<<"$output" || { printf '%s\n' "$output" >&2; fail "the installed autocut runs by name"; }

"$wine_run" "$(winepath -w "$work/installed/uninstall.exe" 2>/dev/null)" /S "_?=$target"
rm -f "$work/installed/uninstall.exe"  # run in place (_?=), it cannot delete itself
[[ ! -e $work/installed/autocut.exe && ! -e $work/installed/README.txt ]] || fail "the uninstaller removes the files"
[[ $(user_path) == 'C:\Users\Public\tools' ]] || fail "the uninstaller leaves the rest of PATH: $(user_path)"
if "$wine_run" reg query "$uninstall_key" >/dev/null 2>&1; then fail "the Apps & features entry is removed"; fi
echo "the installer installs, lists, puts on PATH and takes it all back"
