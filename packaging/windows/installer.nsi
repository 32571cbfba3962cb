; The installer of 预算公开助手, built on Debian with makensis (scripts/build-windows.sh) or on
; Windows with NSIS 3 (README, "Windows"). Per user, no administrator rights: the program goes to
; %LOCALAPPDATA%\Programs\预算公开助手, the user's data stays in %APPDATA%\cn.budgetdesk.app
; and is kept by the uninstaller.
;
; Defines: VERSION, SOURCE (folder with budget-desk.exe, budget-cli.exe, WebView2Loader.dll),
; ICON, OUTFILE; optional WEBVIEW2_OFFLINE (path of MicrosoftEdgeWebView2RuntimeInstallerX64.exe,
; embedded and run when the runtime is missing, for offices without internet).

; a 64-bit installer for a 64-bit program (Unicode implied); it also runs where only 64-bit
; Windows programs can
Target amd64-unicode
ManifestDPIAware true
SetCompressor /SOLID lzma
RequestExecutionLevel user

!include "MUI2.nsh"
!include "LogicLib.nsh"

!define PRODUCT "预算公开助手"
!define IDENTIFIER "cn.budgetdesk.app"
!define PUBLISHER "budget-desk"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${IDENTIFIER}"
; the WebView2 runtime's client id, the same for every installation of it
!define WEBVIEW2_CLIENT "{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"

Name "${PRODUCT}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${PRODUCT}"
InstallDirRegKey HKCU "Software\${IDENTIFIER}" "InstallDir"
BrandingText "${PRODUCT} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=2052 "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=2052 "FileDescription" "${PRODUCT} 安装程序"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "MIT"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TEXT "将在本机为当前用户安装 ${PRODUCT} ${VERSION}，不需要管理员权限。$\r$\n$\r$\n预算公开助手用于编制、审核并导出部门预算公开表、决算公开、绩效目标表与绩效自评表。"
!define MUI_FINISHPAGE_RUN "$INSTDIR\budget-desk.exe"
!define MUI_FINISHPAGE_RUN_TEXT "现在启动${PRODUCT}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

; $0: the installed WebView2 runtime's version, empty when there is none
Function FindWebView2
  StrCpy $0 ""
  ReadRegStr $0 HKLM "SOFTWARE\WOW6432Node\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_CLIENT}" "pv"
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ReadRegStr $0 HKLM "SOFTWARE\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_CLIENT}" "pv"
  ${EndIf}
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ReadRegStr $0 HKCU "Software\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_CLIENT}" "pv"
  ${EndIf}
  ${If} $0 == "0.0.0.0"
    StrCpy $0 ""
  ${EndIf}
FunctionEnd

Function .onInit
  Call FindWebView2
  ${If} $0 == ""
!ifdef WEBVIEW2_OFFLINE
    ; the offline runtime installer travels inside this one
    InitPluginsDir
    File "/oname=$PLUGINSDIR\webview2.exe" "${WEBVIEW2_OFFLINE}"
    ExecWait '"$PLUGINSDIR\webview2.exe" /silent /install' $1
    Call FindWebView2
!endif
  ${EndIf}
  ${If} $0 == ""
    MessageBox MB_OK|MB_ICONSTOP "本机没有安装 Microsoft Edge WebView2 运行时，${PRODUCT}无法运行，安装已取消。$\r$\n$\r$\nWindows 11 和保持更新的 Windows 10 都自带这个运行时。请联系单位的信息技术部门，安装 WebView2 运行时的离线安装包（MicrosoftEdgeWebView2RuntimeInstallerX64.exe），然后重新运行本安装程序。" /SD IDOK
    SetErrorLevel 2
    Abort
  ${EndIf}
FunctionEnd

Section "${PRODUCT}" Main
  SetOutPath "$INSTDIR"
  File "${SOURCE}\budget-desk.exe"
  File "${SOURCE}\budget-cli.exe"
  ; a mingw build loads the WebView2 loader from beside the program; an MSVC build links it in
!if /FileExists "${SOURCE}\WebView2Loader.dll"
  File "${SOURCE}\WebView2Loader.dll"
!endif
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateDirectory "$SMPROGRAMS\${PRODUCT}"
  CreateShortcut "$SMPROGRAMS\${PRODUCT}\${PRODUCT}.lnk" "$INSTDIR\budget-desk.exe"
  CreateShortcut "$SMPROGRAMS\${PRODUCT}\卸载${PRODUCT}.lnk" "$INSTDIR\uninstall.exe"
  CreateShortcut "$DESKTOP\${PRODUCT}.lnk" "$INSTDIR\budget-desk.exe"

  WriteRegStr HKCU "Software\${IDENTIFIER}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\budget-desk.exe"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  Delete "$INSTDIR\budget-desk.exe"
  Delete "$INSTDIR\budget-cli.exe"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${PRODUCT}\${PRODUCT}.lnk"
  Delete "$SMPROGRAMS\${PRODUCT}\卸载${PRODUCT}.lnk"
  RMDir "$SMPROGRAMS\${PRODUCT}"
  Delete "$DESKTOP\${PRODUCT}.lnk"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "Software\${IDENTIFIER}"
  ; the user's databases and backups in $APPDATA\${IDENTIFIER} are theirs: never removed here
  DetailPrint "您的数据保留在 $APPDATA\${IDENTIFIER}"
SectionEnd
