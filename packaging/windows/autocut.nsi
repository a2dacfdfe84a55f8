; The Windows installer of autocut.exe (scripts/windows-installer builds it with makensis): for the user installing
; it, without administrator rights, as Ollama for Windows installs — under %LOCALAPPDATA%\Programs\autocut, that
; folder added to the user's PATH, listed in "Apps & features" with an uninstaller that takes all of it back.
; makensis -DVERSION=x.y.z -DSOURCE=<folder holding autocut.exe and README.txt> -DOUTPUT=<setup.exe> autocut.nsi
Unicode true
Target amd64-unicode  ; a 64-bit installer for a 64-bit program: no 32-bit Windows layer needed to run it
!include "WordFunc.nsh"
!include "WinMessages.nsh"

!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\autocut"

Name "autocut ${VERSION}"
OutFile "${OUTPUT}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\autocut"
SetCompressor /SOLID lzma
ShowInstDetails show

Page directory
Page instfiles
UninstPage uninstConfirm
UninstPage instfiles

Section "autocut"
  SetOutPath "$INSTDIR"
  File "${SOURCE}\autocut.exe"
  File "${SOURCE}\README.txt"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  ; On the user's PATH once, so that `autocut` works in a new console.
  ReadRegStr $0 HKCU "Environment" "Path"
  ${WordReplace} ";$0;" ";$INSTDIR;" "" "+" $2
  StrCmp $2 ";$0;" 0 path_done    ; unchanged: not there yet
  StrCmp $0 "" 0 +3
  WriteRegExpandStr HKCU "Environment" "Path" "$INSTDIR"
  Goto path_told
  WriteRegExpandStr HKCU "Environment" "Path" "$0;$INSTDIR"
  path_told:
  SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=2000
  path_done:

  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "autocut"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "autocut-director"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  Delete "$INSTDIR\autocut.exe"
  Delete "$INSTDIR\README.txt"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"  ; only when empty: whatever else the user keeps there stays

  ; Our folder out of the user's PATH, wherever it stands in the list; the rest as it was.
  ReadRegStr $0 HKCU "Environment" "Path"
  ${WordReplace} ";$0;" ";$INSTDIR;" ";" "+" $1
  StrCpy $1 $1 "" 1     ; the guard semicolons added above, taken off again
  StrCpy $1 $1 -1
  StrCmp $1 $0 path_kept
  WriteRegExpandStr HKCU "Environment" "Path" "$1"
  SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=2000
  path_kept:

  DeleteRegKey HKCU "${UNINSTALL_KEY}"
SectionEnd
