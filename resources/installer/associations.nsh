; Included by electron-builder's NSIS installer (nsis.include in electron-builder.config.ts).
; Offers MLE Studio in Explorer's "Open with" for data files and sessions without becoming their default
; app: a ProgID per kind, listed under each extension's OpenWithProgids (Microsoft's recommended way for
; an app that is one of several handlers). Sessions are *.mlestudio.json; Windows only sees the last
; extension, so they are offered for .json files. $appExe and SHELL_CONTEXT come from electron-builder.

!macro mleStudioProgId ID DESCRIPTION ICON
  WriteRegStr SHELL_CONTEXT "Software\Classes\${ID}" "" "${DESCRIPTION}"
  WriteRegStr SHELL_CONTEXT "Software\Classes\${ID}\DefaultIcon" "" "${ICON}"
  WriteRegStr SHELL_CONTEXT "Software\Classes\${ID}\shell\open\command" "" '"$appExe" "%1"'
!macroend

!macro mleStudioOpenWith EXT ID
  WriteRegStr SHELL_CONTEXT "Software\Classes\.${EXT}\OpenWithProgids" "${ID}" ""
  WriteRegStr SHELL_CONTEXT "Software\Classes\Applications\MLE Studio.exe\SupportedTypes" ".${EXT}" ""
!macroend

!macro customInstall
  File "/oname=$INSTDIR\resources\session.ico" "${BUILD_RESOURCES_DIR}\session.ico"
  !insertmacro mleStudioProgId "MLEStudio.Data" "Data file" "$appExe,0"
  !insertmacro mleStudioProgId "MLEStudio.Session" "MLE Studio session" "$INSTDIR\resources\session.ico"
  !insertmacro mleStudioOpenWith "csv" "MLEStudio.Data"
  !insertmacro mleStudioOpenWith "tsv" "MLEStudio.Data"
  !insertmacro mleStudioOpenWith "txt" "MLEStudio.Data"
  !insertmacro mleStudioOpenWith "xlsx" "MLEStudio.Data"
  !insertmacro mleStudioOpenWith "xls" "MLEStudio.Data"
  !insertmacro mleStudioOpenWith "ods" "MLEStudio.Data"
  !insertmacro mleStudioOpenWith "json" "MLEStudio.Session"
  ; Tell Explorer the associations changed (SHCNE_ASSOCCHANGED).
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
!macroend

!macro customUnInstall
  !insertmacro mleStudioForget "csv" "MLEStudio.Data"
  !insertmacro mleStudioForget "tsv" "MLEStudio.Data"
  !insertmacro mleStudioForget "txt" "MLEStudio.Data"
  !insertmacro mleStudioForget "xlsx" "MLEStudio.Data"
  !insertmacro mleStudioForget "xls" "MLEStudio.Data"
  !insertmacro mleStudioForget "ods" "MLEStudio.Data"
  !insertmacro mleStudioForget "json" "MLEStudio.Session"
  DeleteRegKey SHELL_CONTEXT "Software\Classes\MLEStudio.Data"
  DeleteRegKey SHELL_CONTEXT "Software\Classes\MLEStudio.Session"
  DeleteRegKey SHELL_CONTEXT "Software\Classes\Applications\MLE Studio.exe"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
!macroend

!macro mleStudioForget EXT ID
  DeleteRegValue SHELL_CONTEXT "Software\Classes\.${EXT}\OpenWithProgids" "${ID}"
!macroend
