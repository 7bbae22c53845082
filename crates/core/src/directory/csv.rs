//! The directory as CSV: the export that coordinators open in a spreadsheet, and the import that
//! reads the same file back, refusing it with every problem of every row named by line and
//! column. Applying the rows (which States exist, which ids exist) is the caller's job.

use super::{Invalid, validate_details, validate_effective_on};
use liaison_types::directory::{Contact, ContactDetails, ContactKind, Level, StructureKind};
use liaison_types::problem::LineError;
use liaison_types::state::StateCode;
use std::collections::HashMap;
use time::Date;

/// The columns, in the order the export writes them. An import may order them freely.
pub const COLUMNS: [&str; 17] = [
    "id",
    "state",
    "kind",
    "structure_kind",
    "name",
    "function",
    "organisation",
    "email",
    "phone",
    "available_24_7",
    "time_zone",
    "languages",
    "deputy",
    "website",
    "notes",
    "effective_on",
    "key_fingerprint",
];

/// The most data rows one import may hold; larger files are refused rather than half-read.
pub const MAX_ROWS: usize = 10_000;

/// Excel reads a CSV file without a byte order mark in the local code page, which garbles every
/// name outside Latin-1, so the export starts with one and the import skips it.
const BOM: &str = "\u{feff}";

/// The one date form of the file; spreadsheet forms such as 01/03/2026 are ambiguous.
const DATE_FORMAT: &[time::format_description::BorrowedFormatItem<'static>] =
    time::macros::format_description!("[year]-[month]-[day]");

/// A column of the file; the discriminant is its index in [`COLUMNS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Id,
    State,
    Kind,
    StructureKind,
    Name,
    Function,
    Organisation,
    Email,
    Phone,
    Available247,
    TimeZone,
    Languages,
    Deputy,
    Website,
    Notes,
    EffectiveOn,
    KeyFingerprint,
}

impl Column {
    const ALL: [Column; 17] = [
        Column::Id,
        Column::State,
        Column::Kind,
        Column::StructureKind,
        Column::Name,
        Column::Function,
        Column::Organisation,
        Column::Email,
        Column::Phone,
        Column::Available247,
        Column::TimeZone,
        Column::Languages,
        Column::Deputy,
        Column::Website,
        Column::Notes,
        Column::EffectiveOn,
        Column::KeyFingerprint,
    ];

    fn name(self) -> &'static str {
        COLUMNS[self as usize]
    }

    fn named(name: &str) -> Option<Column> {
        COLUMNS
            .iter()
            .position(|column| *column == name)
            .map(|index| Column::ALL[index])
    }

    /// The fingerprint comes from the registered key, so a file may leave it out.
    fn required(self) -> bool {
        self != Column::KeyFingerprint
    }
}

/// One valid row of an imported file, with its details already normalised by
/// [`validate_details`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRow {
    /// The physical line of the file the row starts on (the header is line 1).
    pub line: u64,
    /// The contact the row changes; `None` for a new contact.
    pub id: Option<i64>,
    pub state: StateCode,
    pub kind: ContactKind,
    pub details: ContactDetails,
    pub effective_on: Date,
}

/// The whole directory as CSV: a header and one row per contact that is not retired, ordered by
/// State and id so that two exports of the same directory compare line by line.
pub fn export(contacts: &[Contact]) -> Result<String, String> {
    let mut active: Vec<&Contact> = contacts.iter().filter(|c| !c.retired).collect();
    active.sort_by(|a, b| (&a.state, a.id).cmp(&(&b.state, b.id)));
    let mut writer = writer();
    writer
        .write_record(COLUMNS)
        .map_err(|e| format!("writing the CSV header: {e}"))?;
    for contact in active {
        writer
            .write_record(row(contact).iter().map(|cell| neutralise(cell)))
            .map_err(|e| format!("writing contact {}: {e}", contact.id))?;
    }
    finish(writer)
}

/// A CSV writer in the conventions of Liaison's exports: CRLF line ends.
pub(crate) fn writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new())
}

/// The written file as text, with the byte-order mark that spreadsheets need to read UTF-8.
pub(crate) fn finish(writer: csv::Writer<Vec<u8>>) -> Result<String, String> {
    let bytes = writer
        .into_inner()
        .map_err(|e| format!("finishing the CSV file: {e}"))?;
    let text = String::from_utf8(bytes).map_err(|e| format!("the CSV file is not UTF-8: {e}"))?;
    Ok(format!("{BOM}{text}"))
}

fn row(contact: &Contact) -> [String; 17] {
    let d = &contact.details;
    let (kind, structure_kind) = match contact.kind {
        ContactKind::Poc { level } => (level.as_str(), ""),
        ContactKind::Structure { structure } => ("structure", structure.as_str()),
    };
    [
        contact.id.to_string(),
        contact.state.to_string(),
        kind.to_owned(),
        structure_kind.to_owned(),
        d.name.clone(),
        d.function.clone(),
        d.organisation.clone(),
        d.email.clone(),
        d.phone.clone(),
        yes_no(d.available_24_7).to_owned(),
        d.time_zone.clone(),
        d.languages.join(" "),
        yes_no(d.deputy).to_owned(),
        d.website.clone(),
        d.notes.clone(),
        contact.effective_on.to_string(),
        contact
            .key
            .as_ref()
            .map(|key| key.fingerprint.clone())
            .unwrap_or_default(),
    ]
}

fn yes_no(value: bool) -> &'static str {
    if value { "yes" } else { "no" }
}

/// Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` as a formula, so a hostile name
/// could run one on a coordinator's machine, and phone numbers (`+49 …`) would turn into sums.
/// Such cells get a leading apostrophe, which spreadsheets take as "this is text" and hide. A
/// value that itself starts with an apostrophe before such a character gets one more, so
/// [`restore`] gives every value back exactly.
pub(crate) fn neutralise(cell: &str) -> String {
    if starts_like_formula(cell)
        || cell
            .strip_prefix('\'')
            .is_some_and(|rest| starts_like_formula(rest) || rest.starts_with('\''))
    {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

/// Undoes [`neutralise`]; an apostrophe before anything else (`'s-Hertogenbosch`) is kept.
fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if starts_like_formula(rest) || rest.starts_with('\'') => rest,
        _ => cell,
    }
}

fn starts_like_formula(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

fn line_error(line: u64, message: impl Into<String>) -> LineError {
    LineError {
        line,
        message: message.into(),
    }
}

/// How a contact's problem (a rule of the directory, worded by the catalogue) reads in a line's
/// message: the caller words it, so that the catalogue alone holds its words.
pub type Wording<'a> = &'a dyn Fn(&Invalid) -> String;

/// What a row is read against: today, and the wording of the rules' problems.
struct Reading<'a> {
    today: Date,
    word: Wording<'a>,
}

/// Reads a directory file in the export's format. Returns every row when all of them are valid,
/// otherwise every problem found, in file order, so that a coordinator can fix the file in one go.
pub fn parse(
    input: &[u8],
    today: Date,
    word: Wording<'_>,
) -> Result<Vec<ImportRow>, Vec<LineError>> {
    let reading = Reading { today, word };
    let input = input.strip_prefix(BOM.as_bytes()).unwrap_or(input);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(input);
    let mut record = csv::ByteRecord::new();
    // Lines of empty cells before the header are skipped like those after it.
    let header = loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) if is_blank(&record) => continue,
            Ok(true) => break record.clone(),
            Ok(false) => {
                return Err(vec![line_error(
                    1,
                    format!(
                        "the file is empty; its first line must be the header {}",
                        COLUMNS.join(",")
                    ),
                )]);
            }
            Err(e) => return Err(vec![read_error(&e, 1)]),
        }
    };
    let mut lines = Lines {
        input,
        offset: 0,
        line: 1,
    };
    let header_line = lines.of(&header);
    let positions = read_header(&header, header_line)?;

    let mut rows = Vec::new();
    let mut errors = Vec::new();
    let mut first_line_of_id: HashMap<i64, u64> = HashMap::new();
    let mut count = 0;
    let mut line = header_line;
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                // Reading from memory fails only on broken input; nothing after it can be trusted.
                let line = e.position().map_or(line, |p| lines.at(p.byte()));
                errors.push(read_error(&e, line));
                break;
            }
        }
        line = lines.of(&record);
        // Spreadsheets often save rows of empty cells after the data; they carry nothing.
        if is_blank(&record) {
            continue;
        }
        count += 1;
        if count > MAX_ROWS {
            errors.push(line_error(
                line,
                format!(
                    "more than {MAX_ROWS} rows; split the file and import the parts one by one"
                ),
            ));
            break;
        }
        if record.len() != header.len() {
            errors.push(line_error(
                line,
                format!(
                    "{} fields where the header has {}; check for a missing or extra comma, or an unclosed quote",
                    record.len(),
                    header.len()
                ),
            ));
            continue;
        }
        let (id, parsed) = read_row(&record, &positions, line, &reading);
        let mut problems = match parsed {
            Ok(row) => {
                rows.push(row);
                Vec::new()
            }
            Err(problems) => problems,
        };
        if let Some(id) = id {
            if let Some(first) = first_line_of_id.get(&id) {
                problems.push((
                    Column::Id,
                    format!("{id} appears also on line {first}; give each contact one row"),
                ));
            } else {
                first_line_of_id.insert(id, line);
            }
        }
        problems.sort_by_key(|(column, _)| *column as usize);
        errors.extend(
            problems
                .into_iter()
                .map(|(column, message)| line_error(line, format!("{}: {message}", column.name()))),
        );
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}

/// Physical line numbers from byte offsets. The csv crate counts lines itself, but its count lags
/// one line behind after a CRLF, which is what spreadsheets write.
struct Lines<'a> {
    input: &'a [u8],
    /// How far line breaks have been counted.
    offset: usize,
    /// The line at `offset`.
    line: u64,
}

impl Lines<'_> {
    fn of(&mut self, record: &csv::ByteRecord) -> u64 {
        match record.position() {
            Some(position) => self.at(position.byte()),
            None => self.line,
        }
    }

    /// The line of the record that starts at `offset`. The offset may still point at the line
    /// break ending the previous record, or at blank lines before this one, so those are skipped.
    fn at(&mut self, offset: u64) -> u64 {
        let mut start = usize::try_from(offset)
            .unwrap_or(usize::MAX)
            .min(self.input.len());
        while start < self.input.len() && matches!(self.input[start], b'\r' | b'\n') {
            start += 1;
        }
        for index in self.offset..start {
            // A lone CR ends a line too, as in files from old Mac spreadsheets.
            let byte = self.input[index];
            if byte == b'\n' || (byte == b'\r' && self.input.get(index + 1) != Some(&b'\n')) {
                self.line += 1;
            }
        }
        self.offset = self.offset.max(start);
        self.line
    }
}

fn is_blank(record: &csv::ByteRecord) -> bool {
    record
        .iter()
        .all(|field| field.iter().all(u8::is_ascii_whitespace))
}

fn read_error(error: &csv::Error, line: u64) -> LineError {
    line_error(line, format!("the file cannot be read as CSV: {error}"))
}

/// Where each column sits in the file's rows, or `None` for an optional column left out.
type Positions = [Option<usize>; 17];

fn read_header(header: &csv::ByteRecord, line: u64) -> Result<Positions, Vec<LineError>> {
    let mut positions: Positions = [None; 17];
    let mut errors = Vec::new();
    for (index, field) in header.iter().enumerate() {
        let Ok(name) = std::str::from_utf8(field) else {
            errors.push(line_error(
                line,
                format!(
                    "the name of column {} is not UTF-8 text; save the file as CSV UTF-8",
                    index + 1
                ),
            ));
            continue;
        };
        let name = name.trim().to_lowercase();
        match Column::named(&name) {
            Some(column) if positions[column as usize].is_some() => {
                errors.push(line_error(line, format!("column '{name}' appears twice")))
            }
            Some(column) => positions[column as usize] = Some(index),
            None if name.is_empty() => errors.push(line_error(
                line,
                format!("column {} has no name; name it or remove it", index + 1),
            )),
            None => errors.push(line_error(
                line,
                format!(
                    "unknown column '{name}'; the columns are {}",
                    COLUMNS.join(", ")
                ),
            )),
        }
    }
    let missing: Vec<&str> = Column::ALL
        .into_iter()
        .filter(|column| column.required() && positions[*column as usize].is_none())
        .map(Column::name)
        .collect();
    if !missing.is_empty() {
        errors.push(line_error(
            line,
            format!("missing columns: {}", missing.join(", ")),
        ));
    }
    if errors.is_empty() {
        Ok(positions)
    } else {
        Err(errors)
    }
}

/// A problem in one cell of a row.
type Problem = (Column, String);

/// Reads and validates one row. The id comes back even when the row is invalid, so that
/// duplicate ids are reported on every line that repeats one.
fn read_row(
    record: &csv::ByteRecord,
    positions: &Positions,
    line: u64,
    reading: &Reading<'_>,
) -> (Option<i64>, Result<ImportRow, Vec<Problem>>) {
    let mut problems: Vec<Problem> = Vec::new();
    let mut cells: [String; 17] = Default::default();
    for column in Column::ALL {
        let Some(index) = positions[column as usize] else {
            continue;
        };
        let raw = record.get(index).unwrap_or_default();
        match std::str::from_utf8(raw) {
            Ok(text) => cells[column as usize] = restore(text).to_owned(),
            Err(_) => problems.push((
                column,
                "not UTF-8 text; save the file as CSV UTF-8".to_owned(),
            )),
        }
    }
    let cell = |column: Column| cells[column as usize].as_str();

    let id = match cell(Column::Id).trim() {
        "" => None,
        text => match text.parse::<i64>() {
            Ok(id) if id > 0 => Some(id),
            _ => {
                problems.push((
                    Column::Id,
                    format!(
                        "'{text}' is not a contact id: a positive whole number, or empty for a new contact"
                    ),
                ));
                None
            }
        },
    };
    let state = StateCode::parse(cell(Column::State))
        .map_err(|e| problems.push((Column::State, e)))
        .ok();
    let kind = read_kind(
        cell(Column::Kind),
        cell(Column::StructureKind),
        &mut problems,
    );
    let available_24_7 = read_yes_no(cell(Column::Available247))
        .map_err(|e| problems.push((Column::Available247, e)))
        .unwrap_or_default();
    let deputy = read_yes_no(cell(Column::Deputy))
        .map_err(|e| problems.push((Column::Deputy, e)))
        .unwrap_or_default();
    let effective_on = read_date(cell(Column::EffectiveOn), reading)
        .map_err(|e| problems.push((Column::EffectiveOn, e)))
        .ok();
    let details = ContactDetails {
        name: cell(Column::Name).to_owned(),
        function: cell(Column::Function).to_owned(),
        organisation: cell(Column::Organisation).to_owned(),
        email: cell(Column::Email).to_owned(),
        phone: cell(Column::Phone).to_owned(),
        available_24_7,
        time_zone: cell(Column::TimeZone).to_owned(),
        languages: cell(Column::Languages)
            .split(|c: char| c.is_whitespace() || c == ',' || c == ';')
            .filter(|language| !language.is_empty())
            .map(str::to_owned)
            .collect(),
        deputy,
        website: cell(Column::Website).to_owned(),
        notes: cell(Column::Notes).to_owned(),
    };
    // The details are checked even when the kind is unreadable, so that one pass shows every
    // problem; only the wording of a missing name depends on the kind.
    let details = validate_details(
        kind.unwrap_or(ContactKind::Poc {
            level: Level::Technical,
        }),
        &details,
    )
    .map_err(|errors| {
        for (field, message) in errors {
            // Every field of the details is a column of the same name. A cell that could not be
            // read is empty by now, so its "required" would only repeat the problem.
            let column = Column::named(&field).unwrap_or(Column::Name);
            if !problems.iter().any(|(c, _)| *c == column) {
                problems.push((column, (reading.word)(&message)));
            }
        }
    })
    .ok();

    let result = match (state, kind, details, effective_on) {
        (Some(state), Some(kind), Some(details), Some(effective_on)) if problems.is_empty() => {
            Ok(ImportRow {
                line,
                id,
                state,
                kind,
                details,
                effective_on,
            })
        }
        _ => Err(problems),
    };
    (id, result)
}

fn read_kind(kind: &str, structure_kind: &str, problems: &mut Vec<Problem>) -> Option<ContactKind> {
    let kind = kind.trim().to_lowercase();
    let structure_kind = structure_kind.trim().to_lowercase();
    match (kind.as_str(), structure_kind.as_str()) {
        ("policy" | "technical", structure) => {
            if !structure.is_empty() {
                problems.push((
                    Column::StructureKind,
                    format!("must be empty for a point of contact (kind {kind})"),
                ));
            }
            Level::parse(&kind)
                .ok()
                .map(|level| ContactKind::Poc { level })
        }
        ("structure", "") => {
            problems.push((
                Column::StructureKind,
                format!(
                    "required when kind is structure: one of {}",
                    StructureKind::ALL.map(StructureKind::as_str).join(", ")
                ),
            ));
            None
        }
        ("structure", structure) => match StructureKind::parse(structure) {
            Ok(structure) => Some(ContactKind::Structure { structure }),
            Err(e) => {
                problems.push((Column::StructureKind, e));
                None
            }
        },
        ("", _) => {
            problems.push((
                Column::Kind,
                "required: policy, technical or structure".to_owned(),
            ));
            None
        }
        (other, _) => {
            problems.push((
                Column::Kind,
                format!("'{other}' is not policy, technical or structure"),
            ));
            None
        }
    }
}

/// `yes` or `no` in any case; an empty cell means no, so hand-written files can leave it out.
fn read_yes_no(cell: &str) -> Result<bool, String> {
    match cell.trim().to_lowercase().as_str() {
        "yes" => Ok(true),
        "no" | "" => Ok(false),
        other => Err(format!("'{other}' is neither yes nor no")),
    }
}

fn read_date(cell: &str, reading: &Reading<'_>) -> Result<Date, String> {
    let text = cell.trim();
    if text.is_empty() {
        return Err("required: the date the change took effect, as YYYY-MM-DD".to_owned());
    }
    let date = Date::parse(text, DATE_FORMAT)
        .map_err(|_| format!("'{text}' is not a date in the form YYYY-MM-DD"))?;
    validate_effective_on(date, reading.today).map_err(|invalid| (reading.word)(&invalid))?;
    Ok(date)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use liaison_types::directory::{AnnualStatus, KeySummary};
    use proptest::prelude::*;
    use time::macros::{date, datetime};

    const TODAY: Date = date!(2026 - 03 - 01);
    const HEADER: &str = "id,state,kind,structure_kind,name,function,organisation,email,phone,available_24_7,time_zone,languages,deputy,website,notes,effective_on,key_fingerprint";

    fn contact(id: i64, kind: ContactKind, details: ContactDetails) -> Contact {
        Contact {
            id,
            state: StateCode::parse("AUT").unwrap(),
            kind,
            details,
            key: None,
            version: 3,
            effective_on: date!(2026 - 01 - 15),
            recorded_at: datetime!(2026-01-20 9:30 UTC),
            confirmed_on: date!(2026 - 01 - 20),
            due_on: date!(2027 - 01 - 20),
            annual_status: AnnualStatus::Current,
            retired: false,
            scheduled: None,
        }
    }

    fn details() -> ContactDetails {
        ContactDetails {
            name: "Maria Huber".into(),
            function: "Head, Cyber Security Unit".into(),
            organisation: "Federal Ministry for European and International Affairs".into(),
            email: "cyber@bmeia.gv.at".into(),
            phone: "+43 1 90115 0".into(),
            available_24_7: false,
            time_zone: "Europe/Vienna".into(),
            languages: vec!["de".into(), "en".into()],
            deputy: false,
            website: "https://www.bmeia.gv.at".into(),
            notes: "Reachable on working days, 8:00-17:00;\nurgent: call \"duty officer\"".into(),
        }
    }

    fn structure() -> ContactKind {
        ContactKind::Structure {
            structure: StructureKind::NationalCsirt,
        }
    }

    fn technical() -> ContactKind {
        ContactKind::Poc {
            level: Level::Technical,
        }
    }

    /// The rules' problems by catalogue id and arguments (the server words them).
    fn word(invalid: &Invalid) -> String {
        use crate::wording::Worded;
        let args: Vec<String> = invalid
            .args()
            .into_iter()
            .map(|(name, value)| format!("{name}={value}"))
            .collect();
        format!("{}({})", invalid.message_id(), args.join(", "))
    }

    fn errors_of(input: &str) -> Vec<(u64, String)> {
        parse(input.as_bytes(), TODAY, &word)
            .expect_err("the file should be refused")
            .into_iter()
            .map(|e| (e.line, e.message))
            .collect()
    }

    fn file(rows: &[&str]) -> String {
        let mut text = format!("{HEADER}\n");
        for row in rows {
            text.push_str(row);
            text.push('\n');
        }
        text
    }

    const GOOD: &str = "7,AUT,technical,,CERT duty officer,,CERT.at,team@cert.at,+43 1 5056416 78,yes,Europe/Vienna,de en,no,https://cert.at,,2026-01-15,";

    #[test]
    fn export_writes_header_and_one_row_per_active_contact() {
        let mut retired = contact(2, technical(), details());
        retired.retired = true;
        let mut csirt = contact(3, structure(), details());
        csirt.key = Some(KeySummary {
            fingerprint: "0123456789ABCDEF0123456789ABCDEF01234567".into(),
            algorithm: "ed25519".into(),
            expires_at: None,
        });
        let text = export(&[csirt, retired, contact(1, technical(), details())]).unwrap();
        assert!(text.starts_with(BOM));
        // Records end in CRLF; the line break inside the notes stays as it was (LF), quoted.
        let records: Vec<&str> = text[BOM.len()..].split("\r\n").collect();
        assert_eq!(records[0], HEADER);
        assert_eq!(
            records[1],
            "1,AUT,technical,,Maria Huber,\"Head, Cyber Security Unit\",\
             Federal Ministry for European and International Affairs,cyber@bmeia.gv.at,\
             '+43 1 90115 0,no,Europe/Vienna,de en,no,https://www.bmeia.gv.at,\
             \"Reachable on working days, 8:00-17:00;\nurgent: call \"\"duty officer\"\"\",2026-01-15,"
        );
        assert!(records[2].starts_with("3,AUT,structure,national-csirt,"));
        assert!(records[2].ends_with(",2026-01-15,0123456789ABCDEF0123456789ABCDEF01234567"));
        assert_eq!(records[3], "");
        assert_eq!(records.len(), 4);
    }

    #[test]
    fn round_trip_gives_the_same_rows() {
        let mut deputy = details();
        deputy.deputy = true;
        deputy.available_24_7 = true;
        deputy.name = "=HYPERLINK(\"https://evil.example\")".into();
        deputy.function = "'s-Hertogenbosch liaison".into();
        deputy.notes = "'=still text".into();
        let contacts = [
            contact(1, technical(), details()),
            contact(
                2,
                ContactKind::Poc {
                    level: Level::Policy,
                },
                deputy,
            ),
            contact(3, structure(), details()),
        ];
        let text = export(&contacts).unwrap();
        let rows = parse(text.as_bytes(), TODAY, &word).unwrap();
        assert_eq!(rows.len(), 3);
        for (row, contact) in rows.iter().zip(&contacts) {
            assert_eq!(row.id, Some(contact.id));
            assert_eq!(row.state, contact.state);
            assert_eq!(row.kind, contact.kind);
            assert_eq!(row.details, contact.details);
            assert_eq!(row.effective_on, contact.effective_on);
        }
        // Physical lines: the header, then two lines for each row whose notes hold a break.
        assert_eq!(
            rows.iter().map(|r| r.line).collect::<Vec<_>>(),
            vec![2, 4, 5]
        );
    }

    #[test]
    fn columns_in_any_order_without_fingerprint_bom_and_crlf() {
        let input = "\u{feff}Email,NAME,organisation,state,kind,structure_kind,id,function,phone,available_24_7,time_zone,languages,deputy,website,notes,effective_on\r\n\
                     Team@CERT.at,  CERT.at duty ,CERT.at,aut,Structure,National-CSIRT,,,,YES,,\"de, en\",,,,2026-02-01\r\n";
        let rows = parse(input.as_bytes(), TODAY, &word).unwrap();
        assert_eq!(rows.len(), 1);
        let row = &rows[0];
        assert_eq!(row.line, 2);
        assert_eq!(row.id, None);
        assert_eq!(row.state.as_str(), "AUT");
        assert_eq!(row.kind, structure());
        assert_eq!(row.details.email, "team@cert.at");
        assert_eq!(row.details.name, "CERT.at duty");
        assert!(row.details.available_24_7);
        assert!(!row.details.deputy);
        assert_eq!(row.details.languages, vec!["de", "en"]);
        assert_eq!(row.effective_on, date!(2026 - 02 - 01));
    }

    #[test]
    fn the_fingerprint_column_is_ignored() {
        let input = file(&[&GOOD.replace(",2026-01-15,", ",2026-01-15,not a fingerprint")]);
        assert_eq!(parse(input.as_bytes(), TODAY, &word).unwrap().len(), 1);
    }

    #[test]
    fn empty_files_are_refused() {
        for input in ["", "\u{feff}", "\n\n", "  \r\n", ",,,\n"] {
            let errors = errors_of(input);
            assert_eq!(errors.len(), 1, "{input:?}");
            assert_eq!(errors[0].0, 1);
            assert!(errors[0].1.starts_with("the file is empty"), "{errors:?}");
        }
    }

    #[test]
    fn header_problems_name_the_columns() {
        let errors = errors_of("id,state,kind,name,organisation,e-mail,effective_on,name,\nx\n");
        assert_eq!(
            errors,
            vec![
                (
                    1,
                    format!(
                        "unknown column 'e-mail'; the columns are {}",
                        COLUMNS.join(", ")
                    )
                ),
                (1, "column 'name' appears twice".into()),
                (1, "column 9 has no name; name it or remove it".into()),
                (
                    1,
                    "missing columns: structure_kind, function, email, phone, available_24_7, time_zone, languages, deputy, website, notes".into()
                ),
            ]
        );
    }

    #[test]
    fn every_problem_of_every_row_is_reported_with_its_line() {
        let input = file(&[
            GOOD,
            // Line 3: bad email and phone.
            "8,AUT,technical,,Duty,,CERT.at,x,0043 1,no,,,no,,,2026-01-15,",
            // Line 4: a blank row of empty cells is skipped but still counts as a line.
            ",,,,,,,,,,,,,,,,",
            // Line 5: bad id, State, kind and booleans.
            "-3,Austria,operational,,Duty,,CERT.at,a@cert.at,,maybe,,,sometimes,,,2026-01-15,",
            // Line 6-7: a quoted note spanning two lines; then bad date.
            "\"9\",AUT,policy,,Duty,,MFA,a@mfa.gv.at,,no,,,no,,\"two\nlines\",15.01.2026,",
            // Line 8: structure without its kind; a point of contact with one.
            "10,AUT,structure,,CSIRT,,CSIRT,c@cert.at,,no,,,no,,,2026-01-15,",
            "11,AUT,policy,ministry,Duty,,MFA,a@mfa.gv.at,,no,,,no,,,2026-01-15,",
            // Line 10: a date too far ahead, an unknown structure kind, a bad language, website
            // and time zone, no name and no organisation.
            "12,AUT,structure,cert,,,,c@cert.at,,no,Vienna,english,no,cert.at,,2028-01-01,",
            // Line 11: a duplicate id, and a date before 1990.
            "7,AUT,technical,,CERT duty officer,,CERT.at,team@cert.at,,no,,,no,,,1989-12-31,",
            // Line 12: too few fields.
            "13,AUT,technical",
        ]);
        let errors = errors_of(&input);
        let expected: Vec<(u64, &str)> = vec![
            (3, "email: invalid-email(value=x)"),
            (3, "phone: invalid-phone()"),
            (
                5,
                "id: '-3' is not a contact id: a positive whole number, or empty for a new contact",
            ),
            (
                5,
                "state: 'Austria' is not a three-letter ISO 3166 code such as DEU",
            ),
            (
                5,
                "kind: 'operational' is not policy, technical or structure",
            ),
            (5, "available_24_7: 'maybe' is neither yes nor no"),
            (5, "deputy: 'sometimes' is neither yes nor no"),
            (
                6,
                "effective_on: '15.01.2026' is not a date in the form YYYY-MM-DD",
            ),
            (
                8,
                "structure_kind: required when kind is structure: one of national-csirt, government-csirt, ministry, law-enforcement, regulator, other",
            ),
            (
                9,
                "structure_kind: must be empty for a point of contact (kind policy)",
            ),
            (
                10,
                "structure_kind: unknown structure kind 'cert' (national-csirt, government-csirt, ministry, law-enforcement, regulator, other)",
            ),
            (10, "name: invalid-required-name()"),
            (10, "organisation: invalid-required()"),
            (10, "time_zone: invalid-time-zone(value=Vienna)"),
            (10, "languages: invalid-language(value=english)"),
            (10, "website: invalid-website()"),
            (
                10,
                "effective_on: invalid-date-too-far-ahead(date=2028-01-01)",
            ),
            (
                11,
                "id: 7 appears also on line 2; give each contact one row",
            ),
            (
                11,
                "effective_on: invalid-date-before-1990(date=1989-12-31)",
            ),
            (
                12,
                "3 fields where the header has 17; check for a missing or extra comma, or an unclosed quote",
            ),
        ];
        let expected: Vec<(u64, String)> = expected
            .into_iter()
            .map(|(l, m)| (l, m.to_owned()))
            .collect();
        assert_eq!(errors, expected);
        // Spreadsheets end lines with CRLF, and old Mac ones with a lone CR: same line numbers.
        assert_eq!(errors_of(&input.replace('\n', "\r\n")), expected);
        assert_eq!(errors_of(&input.replace('\n', "\r")), expected);
    }

    #[test]
    fn invalid_utf8_is_reported_per_cell() {
        let mut input = file(&[]).into_bytes();
        input.extend_from_slice(
            b"7,AUT,technical,,Duty \xff,,CERT.at,team@cert.at,,no,,,no,,,2026-01-15,\n",
        );
        let errors = parse(&input, TODAY, &word).unwrap_err();
        assert_eq!(
            errors,
            vec![line_error(
                2,
                "name: not UTF-8 text; save the file as CSV UTF-8"
            )]
        );
    }

    #[test]
    fn more_than_the_maximum_of_rows_is_refused() {
        let mut input = file(&[]);
        for _ in 0..=MAX_ROWS {
            input.push_str(&GOOD.replacen("7,", ",", 1));
            input.push('\n');
        }
        let errors = errors_of(&input);
        assert_eq!(
            errors,
            vec![(
                MAX_ROWS as u64 + 2,
                format!(
                    "more than {MAX_ROWS} rows; split the file and import the parts one by one"
                )
            )]
        );
        // Exactly the maximum is fine.
        let cut = input.trim_end().rfind('\n').unwrap();
        assert_eq!(
            parse(&input.as_bytes()[..cut], TODAY, &word).unwrap().len(),
            MAX_ROWS
        );
    }

    #[test]
    fn neutralise_and_restore_are_inverse() {
        for value in [
            "",
            "'",
            "''",
            "'a",
            "=1+1",
            "'=1",
            "''=1",
            "+49 1",
            "-",
            "@x",
            "a=b",
            "'s-Hertogenbosch",
        ] {
            assert_eq!(restore(&neutralise(value)), value, "{value:?}");
        }
        assert_eq!(neutralise("=1+1"), "'=1+1");
        assert_eq!(neutralise("'s-Hertogenbosch"), "'s-Hertogenbosch");
    }

    /// Details that pass `validate_details`, built from text with commas, quotes, line breaks,
    /// formula characters and non-Latin letters.
    fn valid_details() -> impl Strategy<Value = ContactDetails> {
        let text = "[A-Za-z0-9 ,;:\"'=+@()/.-]{0,30}";
        let unicode = "\\PC{0,30}";
        (
            (
                prop_oneof![text, unicode],
                prop_oneof![text, unicode],
                prop_oneof![text, unicode],
                "[=+a-z0-9][a-z0-9]{0,8}(\\.[a-z0-9]{1,5})?@[a-z0-9]{1,10}\\.[a-z]{2,6}",
                prop_oneof![Just(String::new()), "\\+[1-9][0-9]{1,2}( [0-9]{3,4}){2,3}"],
            ),
            (
                any::<bool>(),
                prop::sample::select(vec!["", "Europe/Vienna", "Asia/Tashkent"]),
                prop::collection::vec(prop::sample::select(vec!["en", "fr", "ru", "de"]), 0..4),
                any::<bool>(),
                prop_oneof![
                    Just(String::new()),
                    "https://[a-z]{1,10}\\.org(/[a-z,;=]{0,10})?"
                ],
                prop_oneof!["[A-Za-z0-9 ,;\"'\n\r\t=+@-]{0,200}", "[\\PC\n\r\t]{0,200}"],
            ),
        )
            .prop_filter_map(
                "details must be valid",
                |(
                    (name, function, organisation, email, phone),
                    (h24, tz, langs, deputy, website, notes),
                )| {
                    let details = ContactDetails {
                        name: format!("N{name}"),
                        function,
                        organisation: format!("O{organisation}"),
                        email,
                        phone,
                        available_24_7: h24,
                        time_zone: tz.to_owned(),
                        languages: langs.into_iter().map(str::to_owned).collect(),
                        deputy,
                        website,
                        notes,
                    };
                    validate_details(technical(), &details).ok()
                },
            )
    }

    proptest! {
        #[test]
        fn valid_details_survive_export_and_parse(
            details in valid_details(),
            structure_contact in any::<bool>(),
        ) {
            let kind = if structure_contact { structure() } else { technical() };
            let details = validate_details(kind, &details).unwrap();
            let text = export(&[contact(5, kind, details.clone())]).unwrap();
            let rows = parse(text.as_bytes(), TODAY, &word).unwrap();
            prop_assert_eq!(rows.len(), 1);
            prop_assert_eq!(&rows[0].details, &details);
            prop_assert_eq!(rows[0].kind, kind);
            prop_assert_eq!(rows[0].id, Some(5));
        }

        #[test]
        fn parse_never_panics_on_bytes(input in prop::collection::vec(any::<u8>(), 0..2000)) {
            let _ = parse(&input, TODAY, &word);
        }

        #[test]
        fn parse_never_panics_on_rows(body in "[a-z0-9 ,\"'\r\n@.=+-]{0,400}") {
            let _ = parse(format!("{HEADER}\n{body}").as_bytes(), TODAY, &word);
        }
    }
}
