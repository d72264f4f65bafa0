<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_HK">
<context>
    <name>ErrorText</name>
    <message>
        <source>The login name or the password is wrong.</source>
        <translation>登入名或密碼錯誤。</translation>
    </message>
    <message>
        <source>Too many failed attempts: this account is locked for 15 minutes. Try again later.</source>
        <translation>登入失敗次數過多: 此帳戶已被鎖定 15 分鐘。請稍後再試。</translation>
    </message>
    <message>
        <source>This account is disabled. Ask your administrator to enable it.</source>
        <translation>此帳戶已被停用。請聯絡管理員啟用。</translation>
    </message>
    <message>
        <source>The server cannot be reached. Check the server address and your network, then try again.</source>
        <translation>無法連接伺服器。請檢查伺服器地址及網絡, 然後再試。</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not trusted.</source>
        <translation>伺服器的證書不受信任。</translation>
    </message>
    <message>
        <source>The server&apos;s certificate has changed since you last connected. The connection was refused because someone may be impersonating the server. Ask your administrator.</source>
        <translation>伺服器的證書自上次連線後已更改。由於可能有人冒充伺服器, 連線已被拒絕。請聯絡管理員。</translation>
    </message>
    <message>
        <source>The operation was canceled.</source>
        <translation>操作已取消。</translation>
    </message>
    <message>
        <source>The server did not accept the request: %1</source>
        <translation>伺服器不接受此要求: %1</translation>
    </message>
    <message>
        <source>Your session has ended. Please log in again.</source>
        <translation>您的登入階段已結束。請重新登入。</translation>
    </message>
    <message>
        <source>You must change your password first.</source>
        <translation>您必須先修改密碼。</translation>
    </message>
    <message>
        <source>Your role may not do this.</source>
        <translation>您的角色無權執行此操作。</translation>
    </message>
    <message>
        <source>The item was not found. It may have been deleted, or it is outside what you may see.</source>
        <translation>找不到此項目。它可能已被刪除, 或不在您的存取範圍內。</translation>
    </message>
    <message>
        <source>This conflicts with the current data: %1</source>
        <translation>與現有資料衝突: %1</translation>
    </message>
    <message>
        <source>The server could not complete the request right now. Try again later.</source>
        <translation>伺服器暫時無法完成此要求。請稍後再試。</translation>
    </message>
    <message>
        <source>The server reported an error (HTTP %1).</source>
        <translation>伺服器報告錯誤 (HTTP %1)。</translation>
    </message>
    <message>
        <source>The password must have at least 8 characters (at most 128), with both letters and digits.</source>
        <translation>密碼必須最少八個字符 (最多 128 個), 並由數字及英文字母組成。</translation>
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
        <translation>服務供應商</translation>
    </message>
</context>
<context>
    <name>callvault::client::AdvancedSearchPanel</name>
    <message>
        <source>Group:</source>
        <translation>群組:</translation>
    </message>
    <message>
        <source>User number:</source>
        <translation>用戶號碼:</translation>
    </message>
    <message>
        <source>Inbound/outbound number:</source>
        <translation>來電/打出號碼:</translation>
    </message>
    <message>
        <source>Call type:</source>
        <translation>通話類型:</translation>
    </message>
    <message>
        <source>Label:</source>
        <translation>標籤:</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>備註:</translation>
    </message>
    <message>
        <source>Call ID:</source>
        <translation>通話 ID:</translation>
    </message>
    <message>
        <source>All groups</source>
        <translation>所有群組</translation>
    </message>
    <message>
        <source>All labels</source>
        <translation>所有標籤</translation>
    </message>
    <message>
        <source>All call types</source>
        <translation>所有通話類型</translation>
    </message>
    <message>
        <source>Inbound</source>
        <translation>來電</translation>
    </message>
    <message>
        <source>Outbound</source>
        <translation>打出</translation>
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
        <translation>時間範圍</translation>
    </message>
    <message>
        <source>Mark</source>
        <translation>標記</translation>
    </message>
</context>
<context>
    <name>callvault::client::DownloadJob</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>無法寫入 %1: %2</translation>
    </message>
    <message>
        <source>The download was canceled.</source>
        <translation>下載已取消。</translation>
    </message>
</context>
<context>
    <name>callvault::client::LoginDialog</name>
    <message>
        <source>CallVault – Log in</source>
        <translation>CallVault – 登入</translation>
    </message>
    <message>
        <source>Log in to CallVault</source>
        <translation>登入 CallVault</translation>
    </message>
    <message>
        <source>Server address:</source>
        <translation>伺服器地址:</translation>
    </message>
    <message>
        <source>Login name:</source>
        <translation>登入名:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密碼:</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>語言:</translation>
    </message>
    <message>
        <source>host:port, e.g. recorder.example.com:8443</source>
        <translation>主機:埠, 例如 recorder.example.com:8443</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>登入</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在連線…</translation>
    </message>
    <message>
        <source>Enter the server address as host or host:port.</source>
        <translation>請以「主機」或「主機:埠」格式輸入伺服器地址。</translation>
    </message>
    <message>
        <source>Enter your login name and password.</source>
        <translation>請輸入登入名及密碼。</translation>
    </message>
    <message>
        <source>The server gave an answer the client does not understand.</source>
        <translation>伺服器的回應無法識別。</translation>
    </message>
    <message>
        <source>Unknown server certificate</source>
        <translation>未知的伺服器證書</translation>
    </message>
    <message>
        <source>This is the first connection to %1. Its certificate is not signed by an authority this computer trusts.

SHA-256 fingerprint:
%2

Compare it with the fingerprint your administrator gave you (the server prints it when it starts). Trust this certificate and connect?</source>
        <translation>這是首次連線到 %1。其證書並非由本電腦信任的機構簽發。

SHA-256 指紋:
%2

請與管理員提供的指紋核對 (伺服器啟動時會顯示指紋)。信任此證書並連線?</translation>
    </message>
    <message>
        <source>Trust and connect</source>
        <translation>信任並連線</translation>
    </message>
    <message>
        <source>Do not connect</source>
        <translation>不要連線</translation>
    </message>
    <message>
        <source>Not connected: the server&apos;s certificate was not trusted.</source>
        <translation>未連線: 伺服器的證書不獲信任。</translation>
    </message>
    <message>
        <source>Server certificate changed</source>
        <translation>伺服器證書已更改</translation>
    </message>
    <message>
        <source>The certificate of %1 is not the one you trusted before.

Trusted:
%2

Now offered:
%3

The connection was refused: someone may be impersonating the server. If your administrator replaced the certificate, ask for the new fingerprint.</source>
        <translation>%1 的證書並非您之前信任的證書。

已信任:
%2

現時提供:
%3

連線已被拒絕: 可能有人冒充伺服器。如管理員已更換證書, 請向其索取新的指紋。</translation>
    </message>
    <message>
        <source>You must change your password before you can use CallVault.</source>
        <translation>您必須先修改密碼才可使用 CallVault。</translation>
    </message>
</context>
<context>
    <name>callvault::client::MainWindow</name>
    <message>
        <source>Recordings</source>
        <translation>錄音</translation>
    </message>
    <message>
        <source>User greetings</source>
        <translation>用戶錄音歡迎詞</translation>
    </message>
    <message>
        <source>Group greetings</source>
        <translation>群組錄音歡迎詞</translation>
    </message>
    <message>
        <source>User information</source>
        <translation>用戶信息</translation>
    </message>
    <message>
        <source>Verify recording</source>
        <translation>錄音驗證</translation>
    </message>
    <message>
        <source>Reassign recordings</source>
        <translation>調配記錄</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>標籤</translation>
    </message>
    <message>
        <source>Optional terms</source>
        <translation>自選播放條款</translation>
    </message>
    <message>
        <source>Company information</source>
        <translation>公司信息</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>用戶群組</translation>
    </message>
    <message>
        <source>User numbers</source>
        <translation>用戶號碼</translation>
    </message>
    <message>
        <source>Operation report</source>
        <translation>操作報表</translation>
    </message>
    <message>
        <source>&amp;Services</source>
        <translation>服務(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;User management</source>
        <translation>用戶管理(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Reports</source>
        <translation>報表(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation>帳戶(&amp;A)</translation>
    </message>
    <message>
        <source>My user information</source>
        <translation>我的用戶信息</translation>
    </message>
    <message>
        <source>Change password</source>
        <translation>修改密碼</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>更改語言</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>登出</translation>
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
        <translation>%1 (%2, %3) 於 %4</translation>
    </message>
    <message>
        <source>Your password was changed.</source>
        <translation>您的密碼已修改。</translation>
    </message>
    <message>
        <source>Your session has expired because it was not used for a while.</source>
        <translation>由於一段時間沒有使用, 您的登入階段已過期。</translation>
    </message>
    <message>
        <source>Your session has ended (you logged in elsewhere, your password was changed or reset, or your account was disabled).</source>
        <translation>您的登入階段已結束 (您在別處登入、密碼已被修改或重設, 或帳戶已被停用)。</translation>
    </message>
    <message>
        <source>The connection to the server was lost. Check your network or ask your administrator whether the server is running.</source>
        <translation>與伺服器的連線已中斷。請檢查網絡, 或向管理員查詢伺服器是否正在運行。</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>連線</translation>
    </message>
    <message>
        <source>Log in again? Your search is kept.</source>
        <translation>重新登入? 您的搜索會被保留。</translation>
    </message>
    <message>
        <source>Log in again</source>
        <translation>重新登入</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>稍後</translation>
    </message>
</context>
<context>
    <name>callvault::client::PasswordChangeDialog</name>
    <message>
        <source>Change password</source>
        <translation>修改密碼</translation>
    </message>
    <message>
        <source>For security you must change your password before you continue (first login or after a password reset).</source>
        <translation>基於保安理由, 您需要於第一次登入時或密碼重設後更改密碼, 然後才可繼續。</translation>
    </message>
    <message>
        <source>Change your password regularly.</source>
        <translation>請定期修改密碼。</translation>
    </message>
    <message>
        <source>Current password:</source>
        <translation>現時密碼:</translation>
    </message>
    <message>
        <source>New password:</source>
        <translation>新密碼:</translation>
    </message>
    <message>
        <source>Confirm new password:</source>
        <translation>確認新密碼:</translation>
    </message>
    <message>
        <source>The new password must be different from the current one.</source>
        <translation>新密碼必須與現時密碼不同。</translation>
    </message>
    <message>
        <source>The two new passwords are not the same.</source>
        <translation>兩次輸入的新密碼不相同。</translation>
    </message>
    <message>
        <source>The password must have at least 8 characters (at most 128), with both letters and digits.</source>
        <translation>密碼必須最少八個字符 (最多 128 個), 並由數字及英文字母組成。</translation>
    </message>
    <message>
        <source>The current password is wrong.</source>
        <translation>現時密碼錯誤。</translation>
    </message>
</context>
<context>
    <name>callvault::client::PlaceholderPage</name>
    <message>
        <source>%1 is not available in this version of the desktop client yet.</source>
        <translation>此版本的桌面程式暫未提供「%1」。</translation>
    </message>
</context>
<context>
    <name>callvault::client::PlayerPanel</name>
    <message>
        <source>Pause</source>
        <translation>暫停</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Play or pause (Space)</source>
        <translation>播放或暫停 (空白鍵)</translation>
    </message>
    <message>
        <source>Speed:</source>
        <translation>速度:</translation>
    </message>
    <message>
        <source>Slower ([) or faster (]); the voice keeps its pitch</source>
        <translation>減慢 ([) 或加快 (]); 聲音音調保持不變</translation>
    </message>
    <message>
        <source>Click or drag to move; Shift+drag or right-drag to select a range for a bookmark</source>
        <translation>按一下或拖曳以移動播放位置; Shift+拖曳或右鍵拖曳以選擇標記的時間範圍</translation>
    </message>
</context>
<context>
    <name>callvault::client::RecordingDetailsDialog</name>
    <message>
        <source>Recording details</source>
        <translation>詳細資訊錄音記錄</translation>
    </message>
    <message>
        <source>Start time:</source>
        <translation>開始時間:</translation>
    </message>
    <message>
        <source>Inbound/outbound number:</source>
        <translation>來電/打出號碼:</translation>
    </message>
    <message>
        <source>Call type:</source>
        <translation>通話類型:</translation>
    </message>
    <message>
        <source>Call ID:</source>
        <translation>通話 ID:</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>備註:</translation>
    </message>
    <message>
        <source>User number:</source>
        <translation>用戶號碼:</translation>
    </message>
    <message>
        <source>Duration:</source>
        <translation>通話長度:</translation>
    </message>
    <message>
        <source>Read status:</source>
        <translation>閱讀狀態:</translation>
    </message>
    <message>
        <source>Label:</source>
        <translation>標籤:</translation>
    </message>
    <message>
        <source>(no label)</source>
        <translation>(沒有標籤)</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Mark text</source>
        <translation>標記內容</translation>
    </message>
    <message>
        <source>+ Add</source>
        <translation>+ 新增</translation>
    </message>
    <message>
        <source>Add a bookmark for the range selected on the waveform</source>
        <translation>為波形上選擇的時間範圍新增標記</translation>
    </message>
    <message>
        <source>Locate</source>
        <translation>定位</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>刪除</translation>
    </message>
    <message>
        <source>Select a range on the waveform with Shift+drag (or right-drag), type a mark and press + Add. Keys: Space play/pause, ←/→ 5 seconds, [ and ] speed.</source>
        <translation>在波形上以 Shift+拖曳 (或右鍵拖曳) 選擇時間範圍, 輸入標記內容後按「+ 新增」。按鍵: 空白鍵 播放/暫停, ←/→ 5 秒, [ 及 ] 速度。</translation>
    </message>
    <message>
        <source>Downloaded</source>
        <translation>已下載</translation>
    </message>
    <message>
        <source>Listened</source>
        <translation>已收聽</translation>
    </message>
    <message>
        <source>Not read</source>
        <translation>未閱讀</translation>
    </message>
    <message>
        <source>Inbound</source>
        <translation>來電</translation>
    </message>
    <message>
        <source>Outbound</source>
        <translation>打出</translation>
    </message>
    <message>
        <source>Loading the audio…</source>
        <translation>正在載入錄音…</translation>
    </message>
    <message>
        <source>The audio cannot be played: %1</source>
        <translation>無法播放錄音: %1</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>First select a range on the waveform (Shift+drag or right-drag).</source>
        <translation>請先在波形上選擇時間範圍 (Shift+拖曳或右鍵拖曳)。</translation>
    </message>
</context>
<context>
    <name>callvault::client::RecordingTableModel</name>
    <message>
        <source>Downloaded</source>
        <translation>已下載</translation>
    </message>
    <message>
        <source>Listened</source>
        <translation>已收聽</translation>
    </message>
    <message>
        <source>Call ID: %1</source>
        <translation>通話 ID: %1</translation>
    </message>
    <message>
        <source>Inbound</source>
        <translation>來電</translation>
    </message>
    <message>
        <source>Outbound</source>
        <translation>打出</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>鎖定</translation>
    </message>
    <message>
        <source>Unlocked</source>
        <translation>未鎖定</translation>
    </message>
    <message>
        <source>Start time</source>
        <translation>開始時間</translation>
    </message>
    <message>
        <source>Calling number</source>
        <translation>來電號碼</translation>
    </message>
    <message>
        <source>Called number</source>
        <translation>接聽號碼</translation>
    </message>
    <message>
        <source>User number</source>
        <translation>用戶號碼</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>通話長度</translation>
    </message>
    <message>
        <source>Call type</source>
        <translation>通話類型</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>群組</translation>
    </message>
    <message>
        <source>No records</source>
        <translation>沒有記錄</translation>
    </message>
    <message>
        <source>Showing %1 to %2 of %3 records</source>
        <translation>顯示第 %1 到第 %2 項記錄，總共 %3 項記錄</translation>
    </message>
</context>
<context>
    <name>callvault::client::RecordingsPage</name>
    <message>
        <source>Download recordings to</source>
        <translation>下載錄音到</translation>
    </message>
    <message>
        <source>Export CDR</source>
        <translation>匯出 CDR</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 檔案 (*.csv)</translation>
    </message>
    <message>
        <source>Date range:</source>
        <translation>日期範圍:</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Advanced search</source>
        <translation>進階查詢</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>下載</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>鎖定</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解除鎖定</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>上一頁</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一頁</translation>
    </message>
    <message>
        <source>You can search at most one month at a time. Choose an end date on or before %1.</source>
        <translation>每次最多只可搜索一個月的記錄。請選擇 %1 或之前的結束日期。</translation>
    </message>
    <message>
        <source>The start date must not be after the end date.</source>
        <translation>開始日期不可遲於結束日期。</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>第 %1 頁，共 %2 頁</translation>
    </message>
    <message numerus="yes">
        <source>Downloading %n recording(s)…</source>
        <translation>
            <numerusform>正在下載 %n 個錄音…</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Downloading recording %1 of %2…</source>
        <translation>正在下載第 %1 個錄音 (共 %2 個)…</translation>
    </message>
    <message numerus="yes">
        <source>%n recording(s) downloaded.</source>
        <translation>
            <numerusform>已下載 %n 個錄音。</numerusform>
        </translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在匯出…</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>無法寫入 %1: %2</translation>
    </message>
    <message>
        <source>The CDR was exported to %1.</source>
        <translation>CDR 已匯出到 %1。</translation>
    </message>
</context>
<context>
    <name>callvault::client::UserInfoDialog</name>
    <message>
        <source>User information</source>
        <translation>用戶信息</translation>
    </message>
    <message>
        <source>Login name:</source>
        <translation>登入名:</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名稱:</translation>
    </message>
    <message>
        <source>E-mail:</source>
        <translation>電郵:</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>角色:</translation>
    </message>
    <message>
        <source>Company:</source>
        <translation>公司:</translation>
    </message>
    <message>
        <source>Record retention period:</source>
        <translation>記錄保留期:</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n 日</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>callvault::client::WaveformWidget</name>
    <message>
        <source>User</source>
        <translation>用戶</translation>
    </message>
    <message>
        <source>Other party</source>
        <translation>對方</translation>
    </message>
</context>
</TS>
