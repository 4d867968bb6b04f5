; Inno Setup 6 script: installs the PyInstaller one-folder build of dj_desktop (支部台账).
; Build the folder first (installer/README.md), then on Windows:
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" installer\windows\dj_desktop.iss
; Options: /DDistDir=<folder holding dj_desktop.exe>  /DAppVersion=<x.y.z>
; Needs Inno Setup 6.3 or later (x64compatible); the Chinese wizard texts come from
; compiler:Languages\ChineseSimplified.isl (see installer/README.md).
; This file is UTF-8 with a byte-order mark: Inno Setup needs the BOM for Chinese text.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef DistDir
  #define DistDir AddBackslash(SourcePath) + "..\..\dist\dj_desktop"
#endif

[Setup]
; The AppId identifies the program for upgrades and the uninstaller: never change it.
AppId={{EC3DB1D6-354E-4275-8851-B6FD393AE255}
AppName=支部台账
AppVersion={#AppVersion}
AppVerName=支部台账 {#AppVersion}
AppPublisher=dj_desktop
DefaultDirName={autopf}\dj_desktop
DisableProgramGroupPage=yes
UninstallDisplayName=支部台账
UninstallDisplayIcon={app}\dj_desktop.exe
OutputDir={#DistDir}\..
OutputBaseFilename=dj_desktop-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
; Qt 6 runs on 64-bit Windows 10 and later only.
MinVersion=10.0
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Village PCs often have no administrator at hand: install for the current user by
; default, for all users when the person installing chooses it and can elevate.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
CloseApplications=yes

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the whole program folder: stale modules from an older build must not linger.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\支部台账"; Filename: "{app}\dj_desktop.exe"; WorkingDir: "{app}"
Name: "{autodesktop}\支部台账"; Filename: "{app}\dj_desktop.exe"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\dj_desktop.exe"; Description: "{cm:LaunchProgram,支部台账}"; Flags: nowait postinstall skipifsilent

; The uninstaller removes only the program folder. The branch's database, backups and
; preferences live in the user's data folder (%LOCALAPPDATA%\dj_desktop) and are kept,
; so reinstalling or upgrading never loses records.
