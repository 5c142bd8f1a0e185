@echo off
rem jobdb launcher of the release archive for Windows: runs lib\jobdb.jar with Java 17+ and JVM
rem flags for a fast start. The arguments are passed through as typed (%*), quotes included, and
rem jobdb's exit code (0-5, see jobdb --help) is returned; 127: java not found.
rem
rem Environment: JAVA_HOME (else java on PATH); JOBDB_JAVA_OPTS extra JVM options; JOBDB_CDS=off
rem runs without the start-up archive.
rem
rem Start-up: the first run of each installation writes a class-data-sharing archive of the
rem classes it loaded to %LOCALAPPDATA%\jobdb (never into the installation folder); later runs map
rem it. An archive the JVM cannot use is ignored (-Xshare:auto): it can slow a run, never fail it;
rem after a Java upgrade delete %LOCALAPPDATA%\jobdb to get a new one.
setlocal DisableDelayedExpansion

rem Messages naming a path stay outside parenthesized blocks: a path such as
rem "C:\Program Files (x86)\..." would end the block early.
set "JOBDB_HOME=%~dp0.."
set "JOBDB_JAR=%JOBDB_HOME%\lib\jobdb.jar"
if not exist "%JOBDB_JAR%" goto no_jar
set "JOBDB_JAVA=java.exe"
if defined JAVA_HOME set "JOBDB_JAVA=%JAVA_HOME%\bin\java.exe"
if defined JAVA_HOME if not exist "%JOBDB_JAVA%" goto no_java_home
if not defined JAVA_HOME where /q java.exe || goto no_java

set JOBDB_FAST=-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xshare:auto -Xmx256m
set "JOBDB_CDS_OPTS="
set "JOBDB_NEW_ARCHIVE="
if /i "%JOBDB_CDS%"=="off" goto run
if not defined LOCALAPPDATA goto run
rem One archive per installation folder: its path, made safe for a file name.
set "JOBDB_KEY=%~dp0"
set "JOBDB_KEY=%JOBDB_KEY:\=_%"
set "JOBDB_KEY=%JOBDB_KEY::=_%"
set "JOBDB_KEY=%JOBDB_KEY: =_%"
set "JOBDB_KEY=%JOBDB_KEY:(=_%"
set "JOBDB_KEY=%JOBDB_KEY:)=_%"
set "JOBDB_CACHE=%LOCALAPPDATA%\jobdb"
set "JOBDB_ARCHIVE=%JOBDB_CACHE%\%JOBDB_KEY%jobdb.jsa"
if not exist "%JOBDB_CACHE%" mkdir "%JOBDB_CACHE%" 2>nul
if exist "%JOBDB_ARCHIVE%" (
  set JOBDB_CDS_OPTS="-XX:SharedArchiveFile=%JOBDB_ARCHIVE%" -Xlog:cds=off -Xlog:cds+dynamic=off
) else if exist "%JOBDB_CACHE%" (
  rem Written under a name of its own, then moved into place: no run maps half an archive.
  set "JOBDB_NEW_ARCHIVE=%JOBDB_ARCHIVE%.%RANDOM%.tmp"
)
if defined JOBDB_NEW_ARCHIVE (
  set JOBDB_CDS_OPTS="-XX:ArchiveClassesAtExit=%JOBDB_NEW_ARCHIVE%" -Xlog:cds=off -Xlog:cds+dynamic=off
)

:run
"%JOBDB_JAVA%" %JOBDB_FAST% %JOBDB_CDS_OPTS% %JOBDB_JAVA_OPTS% -jar "%JOBDB_JAR%" %*
set JOBDB_EXIT=%ERRORLEVEL%
if defined JOBDB_NEW_ARCHIVE if exist "%JOBDB_NEW_ARCHIVE%" (
  move /y "%JOBDB_NEW_ARCHIVE%" "%JOBDB_ARCHIVE%" >nul 2>&1 || del "%JOBDB_NEW_ARCHIVE%" 2>nul
)
exit /b %JOBDB_EXIT%

:no_jar
echo jobdb: "%JOBDB_JAR%" is missing: unzip the whole jobdb archive again 1>&2
exit /b 127
:no_java_home
echo jobdb: "%JOBDB_JAVA%" not found: set JAVA_HOME to a Java 17 or later installation 1>&2
exit /b 127
:no_java
echo jobdb: java not found: install Java 17 or later, or set JAVA_HOME 1>&2
exit /b 127
