#include "server/store/sqlite_store.h"

#include "server/store/sqlite_store_recording_rows.h"

#include <variant>

namespace callvault::server::store {

namespace {

using Parameter = std::variant<std::int64_t, std::string>;

/// A WHERE clause and its parameters, in order.
struct Filter {
    std::string sql = "WHERE 1";
    std::vector<Parameter> parameters;

    void add(std::string_view condition, std::vector<Parameter> values = {}) {
        sql += " AND ";
        sql += condition;
        for (Parameter& value : values)
            parameters.push_back(std::move(value));
    }
    void bind(Statement& statement, int first = 1) const {
        int index = first;
        for (const Parameter& value : parameters) {
            if (const auto* number = std::get_if<std::int64_t>(&value))
                statement.bindInt64(index++, *number);
            else
                statement.bindText(index++, std::get<std::string>(value));
        }
    }
};

std::string placeholders(std::size_t count) {
    std::string text;
    for (std::size_t i = 0; i < count; ++i)
        text += i == 0 ? "?" : ", ?";
    return text;
}

std::size_t utf8Length(std::string_view text) {
    std::size_t count = 0;
    for (const char c : text)
        count += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    return count;
}

/// Splits on ASCII white space and the ideographic space (U+3000).
std::vector<std::string> noteTerms(std::string text) {
    constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";
    for (std::size_t at = text.find(kIdeographicSpace); at != std::string::npos;
         at = text.find(kIdeographicSpace, at))
        text.replace(at, kIdeographicSpace.size(), " ");
    std::vector<std::string> terms;
    std::string current;
    for (const char c : text) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            if (!current.empty())
                terms.push_back(std::move(current));
            current.clear();
        } else {
            current.push_back(c);
        }
    }
    if (!current.empty())
        terms.push_back(std::move(current));
    return terms;
}

/// An FTS5 string literal: the term as one phrase, so no character of it is FTS syntax.
std::string ftsPhrase(std::string_view term) {
    std::string phrase = "\"";
    for (const char c : term) {
        phrase.push_back(c);
        if (c == '"')
            phrase.push_back('"');
    }
    return phrase + "\"";
}

/// A note filter split into what the trigram index can find (terms of three or more characters, as one
/// FTS5 MATCH expression) and the shorter terms, which are checked on the (already narrowed) rows themselves
/// with the same ASCII case folding.
struct NoteFilter {
    std::string match;
    std::vector<std::string> shortTerms;
};

NoteFilter splitNoteFilter(const std::string& text) {
    NoteFilter note;
    for (std::string& term : noteTerms(text)) {
        if (utf8Length(term) >= 3) {
            note.match += note.match.empty() ? "" : " AND ";
            note.match += ftsPhrase(term);
        } else {
            note.shortTerms.push_back(std::move(term));
        }
    }
    return note;
}

/// Every filter of the query but the note's.
Filter buildFilter(const RecordingQuery& query) {
    Filter filter;
    if (query.companyId)
        filter.add("r.company_id = ?", {*query.companyId});
    filter.add("r.start_ms >= ? AND r.start_ms < ?", {query.fromMs, query.toMs});
    const RecordingScope& scope = query.scope;
    if (!scope.wholeCompany) {
        std::vector<std::string> parts;
        std::vector<Parameter> values;
        if (scope.userId) {
            parts.emplace_back("r.user_id = ?");
            values.emplace_back(*scope.userId);
        }
        if (!scope.groupIds.empty()) {
            parts.push_back("r.group_id IN (" + placeholders(scope.groupIds.size()) + ")");
            for (const std::int64_t id : scope.groupIds)
                values.emplace_back(id);
        }
        if (parts.empty())
            filter.add("0");
        else
            filter.add("(" + parts[0] + (parts.size() > 1 ? " OR " + parts[1] : "") + ")", std::move(values));
    }
    if (scope.unlockedOnly)
        filter.add("r.locked = 0");
    if (query.groupId)
        filter.add("r.group_id = ?", {*query.groupId});
    if (query.userNumber)
        filter.add("r.user_number = ?", {*query.userNumber});
    if (query.otherNumber)
        filter.add("r.other_number = ?", {*query.otherNumber});
    if (query.callType)
        filter.add("r.call_type = ?", {std::string(toString(*query.callType))});
    if (query.labelId)
        filter.add("r.label_id = ?", {*query.labelId});
    if (query.callId)
        filter.add("r.call_id = ?", {*query.callId});
    return filter;
}

std::string_view sortExpression(RecordingSort sort) {
    switch (sort) {
        case RecordingSort::StartTime:
            return "r.start_ms";
        case RecordingSort::CallingNumber:
            return "CASE WHEN r.call_type = 'inbound' THEN r.other_number ELSE r.user_number END";
        case RecordingSort::CalledNumber:
            return "CASE WHEN r.call_type = 'inbound' THEN r.user_number ELSE r.other_number END";
        case RecordingSort::UserNumber:
            return "r.user_number";
        case RecordingSort::OtherNumber:
            return "r.other_number";
        case RecordingSort::Duration:
            return "r.duration_ms";
        case RecordingSort::CallType:
            return "r.call_type";
        case RecordingSort::Status:
            return "r.downloaded * 2 + r.listened";  // none < listened < downloaded
        case RecordingSort::Group:
            return "g.name";
        case RecordingSort::Locked:
            return "r.locked";
        case RecordingSort::Label:
            return "l.name";
        case RecordingSort::CallId:
            return "r.call_id";
    }
    return "r.start_ms";
}

}  // namespace

RecordingPage SqliteStore::searchRecordings(const RecordingQuery& query) {
    Filter filter = buildFilter(query);
    const NoteFilter note = query.noteText ? splitNoteFilter(*query.noteText) : NoteFilter{};
    const std::string direction = query.descending ? " DESC" : " ASC";
    const std::string order = " ORDER BY " + std::string(sortExpression(query.sort)) + direction +
                              ", r.start_ms" + direction + ", r.call_id" + direction;

    const std::lock_guard lock(m_mutex);
    RecordingPage page;
    if (!note.match.empty()) {
        // The full-text index knows nothing of dates or groups: unbounded, it would return every matching
        // note of the company's history before the window applies. Bounding it by the lowest and highest id
        // of the rows the other filters leave (one covering-index scan) is exact whatever the ids' order,
        // and narrow in real use, where a row is stored at hang-up so ids follow time.
        Statement range = m_db.prepare("SELECT min(r.id), max(r.id) FROM recordings r " + filter.sql);
        filter.bind(range);
        if (!range.step() || range.isNull(0))
            return page;
        filter.add(
            "r.id IN (SELECT rowid FROM recording_notes WHERE recording_notes MATCH ? AND rowid BETWEEN ? "
            "AND ?)",
            {note.match, range.int64(0), range.int64(1)});
    }
    for (const std::string& term : note.shortTerms)
        filter.add("instr(lower(r.note), lower(?)) > 0", {term});
    Statement count = m_db.prepare("SELECT COUNT(*) FROM recordings r " + filter.sql);
    filter.bind(count);
    page.total = count.step() ? count.int64(0) : 0;
    if (page.total <= query.offset || query.limit <= 0)
        return page;

    Statement select =
        m_db.prepare(std::string(kRecordingRowSelect) + filter.sql + order + " LIMIT ? OFFSET ?");
    filter.bind(select);
    const int next = static_cast<int>(filter.parameters.size()) + 1;
    select.bindInt64(next, query.limit).bindInt64(next + 1, query.offset);
    while (select.step())
        page.rows.push_back(recordingRowFromStatement(select));
    return page;
}

}  // namespace callvault::server::store
