<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>ErrorText</name>
    <message>
        <source>The login name or the password is wrong.</source>
        <translation>The login name or the password is wrong.</translation>
    </message>
    <message>
        <source>Too many failed attempts: this account is locked for 15 minutes. Try again later.</source>
        <translation>Too many failed attempts: this account is locked for 15 minutes. Try again later.</translation>
    </message>
    <message>
        <source>This account is disabled. Ask your administrator to enable it.</source>
        <translation>This account is disabled. Ask your administrator to enable it.</translation>
    </message>
    <message>
        <source>The server cannot be reached. Check the server address and your network, then try again.</source>
        <translation>The server cannot be reached. Check the server address and your network, then try again.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not trusted.</source>
        <translation>The server&apos;s certificate is not trusted.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate has changed since you last connected. The connection was refused because someone may be impersonating the server. Ask your administrator.</source>
        <translation>The server&apos;s certificate has changed since you last connected. The connection was refused because someone may be impersonating the server. Ask your administrator.</translation>
    </message>
    <message>
        <source>The operation was canceled.</source>
        <translation>The operation was canceled.</translation>
    </message>
    <message>
        <source>The server did not accept the request: %1</source>
        <translation>The server did not accept the request: %1</translation>
    </message>
    <message>
        <source>Your session has ended. Please log in again.</source>
        <translation>Your session has ended. Please log in again.</translation>
    </message>
    <message>
        <source>You must change your password first.</source>
        <translation>You must change your password first.</translation>
    </message>
    <message>
        <source>Your role may not do this.</source>
        <translation>Your role may not do this.</translation>
    </message>
    <message>
        <source>The item was not found. It may have been deleted, or it is outside what you may see.</source>
        <translation>The item was not found. It may have been deleted, or it is outside what you may see.</translation>
    </message>
    <message>
        <source>This conflicts with the current data: %1</source>
        <translation>This conflicts with the current data: %1</translation>
    </message>
    <message>
        <source>The server could not complete the request right now. Try again later.</source>
        <translation>The server could not complete the request right now. Try again later.</translation>
    </message>
    <message>
        <source>The server reported an error (HTTP %1).</source>
        <translation>The server reported an error (HTTP %1).</translation>
    </message>
    <message>
        <source>The password must have at least 8 characters (at most 128), with both letters and digits.</source>
        <translation>The password must have at least 8 characters (at most 128), with both letters and digits.</translation>
    </message>
</context>
<context>
    <name>RoleNames</name>
    <message>
        <source>Admin</source>
        <translation>Admin</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>Manager</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Provider</translation>
    </message>
</context>
<context>
    <name>callvault::client::AdvancedSearchPanel</name>
    <message>
        <source>Group:</source>
        <translation>Group:</translation>
    </message>
    <message>
        <source>User number:</source>
        <translation>User number:</translation>
    </message>
    <message>
        <source>Inbound/outbound number:</source>
        <translation>Inbound/outbound number:</translation>
    </message>
    <message>
        <source>Call type:</source>
        <translation>Call type:</translation>
    </message>
    <message>
        <source>Label:</source>
        <translation>Label:</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>Note:</translation>
    </message>
    <message>
        <source>Call ID:</source>
        <translation>Call ID:</translation>
    </message>
    <message>
        <source>All groups</source>
        <translation>All groups</translation>
    </message>
    <message>
        <source>All labels</source>
        <translation>All labels</translation>
    </message>
    <message>
        <source>All call types</source>
        <translation>All call types</translation>
    </message>
    <message>
        <source>Inbound</source>
        <translation>Inbound</translation>
    </message>
    <message>
        <source>Outbound</source>
        <translation>Outbound</translation>
    </message>
</context>
<context>
    <name>callvault::client::BookmarkTableModel</name>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Time range</source>
        <translation>Time range</translation>
    </message>
    <message>
        <source>Mark</source>
        <translation>Mark</translation>
    </message>
</context>
<context>
    <name>callvault::client::DownloadJob</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Cannot write %1: %2</translation>
    </message>
    <message>
        <source>The download was canceled.</source>
        <translation>The download was canceled.</translation>
    </message>
</context>
<context>
    <name>callvault::client::LoginDialog</name>
    <message>
        <source>CallVault – Log in</source>
        <translation>CallVault – Log in</translation>
    </message>
    <message>
        <source>Log in to CallVault</source>
        <translation>Log in to CallVault</translation>
    </message>
    <message>
        <source>Server address:</source>
        <translation>Server address:</translation>
    </message>
    <message>
        <source>Login name:</source>
        <translation>Login name:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Password:</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Language:</translation>
    </message>
    <message>
        <source>host:port, e.g. recorder.example.com:8443</source>
        <translation>host:port, e.g. recorder.example.com:8443</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>Log in</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <source>Enter the server address as host or host:port.</source>
        <translation>Enter the server address as host or host:port.</translation>
    </message>
    <message>
        <source>Enter your login name and password.</source>
        <translation>Enter your login name and password.</translation>
    </message>
    <message>
        <source>The server gave an answer the client does not understand.</source>
        <translation>The server gave an answer the client does not understand.</translation>
    </message>
    <message>
        <source>Unknown server certificate</source>
        <translation>Unknown server certificate</translation>
    </message>
    <message>
        <source>This is the first connection to %1. Its certificate is not signed by an authority this computer trusts.

SHA-256 fingerprint:
%2

Compare it with the fingerprint your administrator gave you (the server prints it when it starts). Trust this certificate and connect?</source>
        <translation>This is the first connection to %1. Its certificate is not signed by an authority this computer trusts.

SHA-256 fingerprint:
%2

Compare it with the fingerprint your administrator gave you (the server prints it when it starts). Trust this certificate and connect?</translation>
    </message>
    <message>
        <source>Trust and connect</source>
        <translation>Trust and connect</translation>
    </message>
    <message>
        <source>Do not connect</source>
        <translation>Do not connect</translation>
    </message>
    <message>
        <source>Not connected: the server&apos;s certificate was not trusted.</source>
        <translation>Not connected: the server&apos;s certificate was not trusted.</translation>
    </message>
    <message>
        <source>Server certificate changed</source>
        <translation>Server certificate changed</translation>
    </message>
    <message>
        <source>The certificate of %1 is not the one you trusted before.

Trusted:
%2

Now offered:
%3

The connection was refused: someone may be impersonating the server. If your administrator replaced the certificate, ask for the new fingerprint.</source>
        <translation>The certificate of %1 is not the one you trusted before.

Trusted:
%2

Now offered:
%3

The connection was refused: someone may be impersonating the server. If your administrator replaced the certificate, ask for the new fingerprint.</translation>
    </message>
    <message>
        <source>You must change your password before you can use CallVault.</source>
        <translation>You must change your password before you can use CallVault.</translation>
    </message>
</context>
<context>
    <name>callvault::client::MainWindow</name>
    <message>
        <source>Recordings</source>
        <translation>Recordings</translation>
    </message>
    <message>
        <source>User greetings</source>
        <translation>User greetings</translation>
    </message>
    <message>
        <source>Group greetings</source>
        <translation>Group greetings</translation>
    </message>
    <message>
        <source>User information</source>
        <translation>User information</translation>
    </message>
    <message>
        <source>Verify recording</source>
        <translation>Verify recording</translation>
    </message>
    <message>
        <source>Reassign recordings</source>
        <translation>Reassign recordings</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Labels</translation>
    </message>
    <message>
        <source>Optional terms</source>
        <translation>Optional terms</translation>
    </message>
    <message>
        <source>Company information</source>
        <translation>Company information</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>Groups</translation>
    </message>
    <message>
        <source>User numbers</source>
        <translation>User numbers</translation>
    </message>
    <message>
        <source>Operation report</source>
        <translation>Operation report</translation>
    </message>
    <message>
        <source>&amp;Services</source>
        <translation>&amp;Services</translation>
    </message>
    <message>
        <source>&amp;User management</source>
        <translation>&amp;User management</translation>
    </message>
    <message>
        <source>&amp;Reports</source>
        <translation>&amp;Reports</translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation>&amp;Account</translation>
    </message>
    <message>
        <source>My user information</source>
        <translation>My user information</translation>
    </message>
    <message>
        <source>Change password</source>
        <translation>Change password</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>Log out</translation>
    </message>
    <message>
        <source>CallVault</source>
        <translation>CallVault</translation>
    </message>
    <message>
        <source>CallVault – %1</source>
        <translation>CallVault – %1</translation>
    </message>
    <message>
        <source>%1 (%2, %3) on %4</source>
        <translation>%1 (%2, %3) on %4</translation>
    </message>
    <message>
        <source>Your password was changed.</source>
        <translation>Your password was changed.</translation>
    </message>
    <message>
        <source>Your session has expired because it was not used for a while.</source>
        <translation>Your session has expired because it was not used for a while.</translation>
    </message>
    <message>
        <source>Your session has ended (you logged in elsewhere, your password was changed or reset, or your account was disabled).</source>
        <translation>Your session has ended (you logged in elsewhere, your password was changed or reset, or your account was disabled).</translation>
    </message>
    <message>
        <source>The connection to the server was lost. Check your network or ask your administrator whether the server is running.</source>
        <translation>The connection to the server was lost. Check your network or ask your administrator whether the server is running.</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Connection</translation>
    </message>
    <message>
        <source>Log in again? Your search is kept.</source>
        <translation>Log in again? Your search is kept.</translation>
    </message>
    <message>
        <source>Log in again</source>
        <translation>Log in again</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Later</translation>
    </message>
</context>
<context>
    <name>callvault::client::PasswordChangeDialog</name>
    <message>
        <source>Change password</source>
        <translation>Change password</translation>
    </message>
    <message>
        <source>For security you must change your password before you continue (first login or after a password reset).</source>
        <translation>For security you must change your password before you continue (first login or after a password reset).</translation>
    </message>
    <message>
        <source>Change your password regularly.</source>
        <translation>Change your password regularly.</translation>
    </message>
    <message>
        <source>Current password:</source>
        <translation>Current password:</translation>
    </message>
    <message>
        <source>New password:</source>
        <translation>New password:</translation>
    </message>
    <message>
        <source>Confirm new password:</source>
        <translation>Confirm new password:</translation>
    </message>
    <message>
        <source>The new password must be different from the current one.</source>
        <translation>The new password must be different from the current one.</translation>
    </message>
    <message>
        <source>The two new passwords are not the same.</source>
        <translation>The two new passwords are not the same.</translation>
    </message>
    <message>
        <source>The password must have at least 8 characters (at most 128), with both letters and digits.</source>
        <translation>The password must have at least 8 characters (at most 128), with both letters and digits.</translation>
    </message>
    <message>
        <source>The current password is wrong.</source>
        <translation>The current password is wrong.</translation>
    </message>
</context>
<context>
    <name>callvault::client::PlaceholderPage</name>
    <message>
        <source>%1 is not available in this version of the desktop client yet.</source>
        <translation>%1 is not available in this version of the desktop client yet.</translation>
    </message>
</context>
<context>
    <name>callvault::client::PlayerPanel</name>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Play</translation>
    </message>
    <message>
        <source>Play or pause (Space)</source>
        <translation>Play or pause (Space)</translation>
    </message>
    <message>
        <source>Speed:</source>
        <translation>Speed:</translation>
    </message>
    <message>
        <source>Slower ([) or faster (]); the voice keeps its pitch</source>
        <translation>Slower ([) or faster (]); the voice keeps its pitch</translation>
    </message>
    <message>
        <source>Click or drag to move; Shift+drag or right-drag to select a range for a bookmark</source>
        <translation>Click or drag to move; Shift+drag or right-drag to select a range for a bookmark</translation>
    </message>
</context>
<context>
    <name>callvault::client::RecordingDetailsDialog</name>
    <message>
        <source>Recording details</source>
        <translation>Recording details</translation>
    </message>
    <message>
        <source>Start time:</source>
        <translation>Start time:</translation>
    </message>
    <message>
        <source>Inbound/outbound number:</source>
        <translation>Inbound/outbound number:</translation>
    </message>
    <message>
        <source>Call type:</source>
        <translation>Call type:</translation>
    </message>
    <message>
        <source>Call ID:</source>
        <translation>Call ID:</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>Note:</translation>
    </message>
    <message>
        <source>User number:</source>
        <translation>User number:</translation>
    </message>
    <message>
        <source>Duration:</source>
        <translation>Duration:</translation>
    </message>
    <message>
        <source>Read status:</source>
        <translation>Read status:</translation>
    </message>
    <message>
        <source>Label:</source>
        <translation>Label:</translation>
    </message>
    <message>
        <source>(no label)</source>
        <translation>(no label)</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Mark text</source>
        <translation>Mark text</translation>
    </message>
    <message>
        <source>+ Add</source>
        <translation>+ Add</translation>
    </message>
    <message>
        <source>Add a bookmark for the range selected on the waveform</source>
        <translation>Add a bookmark for the range selected on the waveform</translation>
    </message>
    <message>
        <source>Locate</source>
        <translation>Locate</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Select a range on the waveform with Shift+drag (or right-drag), type a mark and press + Add. Keys: Space play/pause, ←/→ 5 seconds, [ and ] speed.</source>
        <translation>Select a range on the waveform with Shift+drag (or right-drag), type a mark and press + Add. Keys: Space play/pause, ←/→ 5 seconds, [ and ] speed.</translation>
    </message>
    <message>
        <source>Downloaded</source>
        <translation>Downloaded</translation>
    </message>
    <message>
        <source>Listened</source>
        <translation>Listened</translation>
    </message>
    <message>
        <source>Not read</source>
        <translation>Not read</translation>
    </message>
    <message>
        <source>Inbound</source>
        <translation>Inbound</translation>
    </message>
    <message>
        <source>Outbound</source>
        <translation>Outbound</translation>
    </message>
    <message>
        <source>Loading the audio…</source>
        <translation>Loading the audio…</translation>
    </message>
    <message>
        <source>The audio cannot be played: %1</source>
        <translation>The audio cannot be played: %1</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <source>First select a range on the waveform (Shift+drag or right-drag).</source>
        <translation>First select a range on the waveform (Shift+drag or right-drag).</translation>
    </message>
</context>
<context>
    <name>callvault::client::RecordingTableModel</name>
    <message>
        <source>Downloaded</source>
        <translation>Downloaded</translation>
    </message>
    <message>
        <source>Listened</source>
        <translation>Listened</translation>
    </message>
    <message>
        <source>Call ID: %1</source>
        <translation>Call ID: %1</translation>
    </message>
    <message>
        <source>Inbound</source>
        <translation>Inbound</translation>
    </message>
    <message>
        <source>Outbound</source>
        <translation>Outbound</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>Locked</translation>
    </message>
    <message>
        <source>Unlocked</source>
        <translation>Unlocked</translation>
    </message>
    <message>
        <source>Start time</source>
        <translation>Start time</translation>
    </message>
    <message>
        <source>Calling number</source>
        <translation>Calling number</translation>
    </message>
    <message>
        <source>Called number</source>
        <translation>Called number</translation>
    </message>
    <message>
        <source>User number</source>
        <translation>User number</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Duration</translation>
    </message>
    <message>
        <source>Call type</source>
        <translation>Call type</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>No records</source>
        <translation>No records</translation>
    </message>
    <message>
        <source>Showing %1 to %2 of %3 records</source>
        <translation>Showing %1 to %2 of %3 records</translation>
    </message>
</context>
<context>
    <name>callvault::client::RecordingsPage</name>
    <message>
        <source>Download recordings to</source>
        <translation>Download recordings to</translation>
    </message>
    <message>
        <source>Export CDR</source>
        <translation>Export CDR</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <source>Date range:</source>
        <translation>Date range:</translation>
    </message>
    <message>
        <source>to</source>
        <translation>to</translation>
    </message>
    <message>
        <source>Advanced search</source>
        <translation>Advanced search</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Download</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>Lock</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Previous</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>You can search at most one month at a time. Choose an end date on or before %1.</source>
        <translation>You can search at most one month at a time. Choose an end date on or before %1.</translation>
    </message>
    <message>
        <source>The start date must not be after the end date.</source>
        <translation>The start date must not be after the end date.</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>Page %1 of %2</translation>
    </message>
    <message numerus="yes">
        <source>Downloading %n recording(s)…</source>
        <translation>
            <numerusform>Downloading %n recording…</numerusform>
            <numerusform>Downloading %n recordings…</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Downloading recording %1 of %2…</source>
        <translation>Downloading recording %1 of %2…</translation>
    </message>
    <message numerus="yes">
        <source>%n recording(s) downloaded.</source>
        <translation>
            <numerusform>%n recording downloaded.</numerusform>
            <numerusform>%n recordings downloaded.</numerusform>
        </translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Cannot write %1: %2</translation>
    </message>
    <message>
        <source>The CDR was exported to %1.</source>
        <translation>The CDR was exported to %1.</translation>
    </message>
</context>
<context>
    <name>callvault::client::UserInfoDialog</name>
    <message>
        <source>User information</source>
        <translation>User information</translation>
    </message>
    <message>
        <source>Login name:</source>
        <translation>Login name:</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>E-mail:</source>
        <translation>E-mail:</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>Role:</translation>
    </message>
    <message>
        <source>Company:</source>
        <translation>Company:</translation>
    </message>
    <message>
        <source>Record retention period:</source>
        <translation>Record retention period:</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>callvault::client::WaveformWidget</name>
    <message>
        <source>User</source>
        <translation>User</translation>
    </message>
    <message>
        <source>Other party</source>
        <translation>Other party</translation>
    </message>
</context>
</TS>
