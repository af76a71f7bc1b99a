@echo off
rem mle-fit, shipped with MLE Studio: runs the command line with the app's own binary as Node (no Node
rem needed). Add this folder (...\MLE Studio\resources\bin) to PATH to run mle-fit from any prompt.
setlocal
set ELECTRON_RUN_AS_NODE=1
"%~dp0..\..\MLE Studio.exe" "%~dp0..\app.asar\bin\mle-fit.js" %*
exit /b %ERRORLEVEL%
