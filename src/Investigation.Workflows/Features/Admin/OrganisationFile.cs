using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Investigation.Domain;
using Investigation.Domain.Organisation;
using Investigation.Workflows.Messages;

namespace Investigation.Workflows.Features.Admin;

public enum OrganisationFormat { Xlsx, Json }

/// <summary>Where an import found a mistake: the sheet (or JSON list), the row (1 is the header row of a sheet) and the column.</summary>
public sealed record ImportError(string Sheet, int Row, string Column, string Message)
{
    public override string ToString() => Say.T($"“{Sheet}”第{Row}行“{Column}”列：{Message}", $"Sheet '{Sheet}', row {Row}, column '{Column}': {Message}");
}

public sealed record UnitRow(string Code, string Name, string Kind, string Level, string? Parent, string? Industry, string? Regulator, bool Retired)
{
    [JsonIgnore] public int Row { get; init; }
}

public sealed record PersonRow(string Code, string Name, string? Post, string Unit, string ManagingOrganisation, bool Retired)
{
    [JsonIgnore] public int Row { get; init; }
}

/// <param name="From">The first day in office, yyyy-MM-dd; blank when the office keeps no date (the team is then traced as recorded).</param>
/// <param name="To">The last day in office, yyyy-MM-dd; blank while the person holds the post.</param>
public sealed record LeadershipRow(string Unit, string Post, string Person, string? From, string? To)
{
    [JsonIgnore] public int Row { get; init; }
}

/// <param name="Roles">The roles, separated by commas (the names of <see cref="Identity.Roles"/>, or their Chinese names).</param>
public sealed record UserRow(string UserName, string DisplayName, string Unit, string Roles)
{
    [JsonIgnore] public int Row { get; init; }
}

/// <summary>
/// The organisation as an office keeps it in a list: units, people, leadership posts with their dates,
/// and user accounts, each row naming others by the office's own codes. The same content is read and
/// written as a workbook (.xlsx: a sheet per list, after a first sheet that explains every column) and
/// as JSON. Values are kept as written, so that the import can say which cell is wrong.
/// </summary>
public sealed record OrganisationFile(IReadOnlyList<UnitRow> Units, IReadOnlyList<PersonRow> People,
    IReadOnlyList<LeadershipRow> Leadership, IReadOnlyList<UserRow> Users)
{
    public static readonly OrganisationFile Empty = new([], [], [], []);

    // ---- the columns, with what the first sheet says of each ----

    public sealed record Column(string Header, string JsonName, string Meaning, string Allowed);

    public sealed record Sheet(string Name, string JsonName, IReadOnlyList<Column> Columns)
    {
        public string HeaderOf(string jsonName) => Columns.First(c => c.JsonName == jsonName).Header;
    }

    public static readonly Sheet UnitsSheet = new("单位 Units", "units",
    [
        new("代码 Code", "code", "单位代码，唯一；其他表用它指称本单位。The unit's code, unique; other sheets name the unit by it.", "任意文字 any text, ≤ 64"),
        new("名称 Name", "name", "单位全称。Full name.", "≤ 200"),
        new("类型 Kind", "kind", "单位类型。The kind of unit.", string.Join("；", Enum.GetValues<UnitKind>().Select(k => $"{k.Name().Zh} ({k})"))),
        new("行政级别 Level", "level", "不高于上级单位。Not above the parent's level.", string.Join("；", Enum.GetValues<AdministrativeLevel>().Select(l => $"{l.Name().Zh} ({l})"))),
        new("上级单位代码 Parent code", "parent", "上级单位的代码；只有最高层级单位（一个）留空。The parent's code; blank for the one root unit only.", "单位代码 a unit code"),
        new("所属行业 Industry", "industry", "受监管单位所属行业；行业主管监管部门填写其主管的行业（第四条）。A supervised unit's industry; a regulator's industry it supervises (Article 4).", "任意文字 any text, ≤ 100"),
        new("行业主管监管部门代码 Regulator code", "regulator", "可选：指定该单位的行业主管监管部门，须为“行业主管监管部门”类型的单位；留空则按所属行业确定。Optional: the unit's industry regulator, which must be of the kind industry regulator; blank: found from the industry.", "单位代码 a unit code"),
        new("已撤销 Retired", "retired", "已撤销的单位保留其案件和历史。A retired unit keeps its cases and history.", "是/否 yes/no（空为否 blank is no）"),
    ]);

    public static readonly Sheet PeopleSheet = new("人员 People", "people",
    [
        new("代码 Code", "code", "人员代码（如工号），唯一。The person's code (e.g. staff number), unique.", "任意文字 any text, ≤ 64"),
        new("姓名 Name", "name", "姓名。Name.", "≤ 100"),
        new("职务 Post", "post", "职务。Post.", "≤ 200"),
        new("所在单位代码 Unit code", "unit", "所在单位。The unit the person works in.", "单位代码 a unit code"),
        new("管理党组织代码 Managing organisation code", "managingOrganisation", "有管理权限的党组织，作出问责决定（《实施办法》第九条第二款）。The managing Party organisation, which decides accountability (Measures, Article 9, paragraph 2).", "单位代码 a unit code"),
        new("已离任 Retired", "retired", "离任人员保留在记录中。A retired person stays on record.", "是/否 yes/no"),
    ]);

    public static readonly Sheet LeadershipSheet = new("领导班子 Leadership", "leadership",
    [
        new("单位代码 Unit code", "unit", "领导班子所在单位。The unit whose leadership team this is.", "单位代码 a unit code"),
        new("职位 Post", "post", "班子中的职位；同一日期每个单位只有一名主要负责人和一名主管网络安全的成员。The post; one main person in charge and one member in charge of cybersecurity per unit on any day.", string.Join("；", Enum.GetValues<LeadershipRole>().Select(r => $"{r.Name().Zh} ({r})"))),
        new("人员代码 Person code", "person", "须为本单位人员（第二条）。A person of the unit (Article 2).", "人员代码 a person code"),
        new("任职起始 From", "from", "开始任职之日（北京时间）；倒查按事件发生之日在任的班子。The first day in office (China Standard Time); a case traces the team in office on the incident's date.", "yyyy-MM-dd；空：未记录日期 blank: no date on record"),
        new("任职截止 To", "to", "最后任职之日；仍在任留空。The last day in office; blank while in office.", "yyyy-MM-dd"),
    ]);

    public static readonly Sheet UsersSheet = new("用户 Users", "users",
    [
        new("用户名 User name", "userName", "登录名，唯一；已有用户按此匹配。The sign-in name, unique; existing users are matched on it.", "≤ 64"),
        new("显示名称 Display name", "displayName", "显示名称。Display name.", "≤ 100"),
        new("单位代码 Unit code", "unit", "用户所在单位：可见本单位及下级单位。The user's unit: they see it and the units below.", "单位代码 a unit code"),
        new("角色 Roles", "roles", "一个或多个角色，以逗号分隔。One or more roles, separated by commas.", string.Join("；", Identity.Roles.All.Select(r => $"{Identity.Roles.Name(r).Zh} ({r})"))),
    ]);

    public static readonly IReadOnlyList<Sheet> Sheets = [UnitsSheet, PeopleSheet, LeadershipSheet, UsersSheet];
    public const string ReadMeSheet = "说明 Read me";

    // ---- values as written ----

    public static string Text(UnitKind kind) => kind.Name().Zh;
    public static string Text(AdministrativeLevel level) => level.Name().Zh;
    public static string Text(LeadershipRole role) => role.Name().Zh;
    public static string Text(DateOnly? day) => day is { } d && d != Appointment.Always ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "";

    public static bool TryParse<T>(string? text, Func<T, BilingualText> name, out T value) where T : struct, Enum
    {
        var t = text?.Trim() ?? "";
        foreach (var v in Enum.GetValues<T>())
            if (t == name(v).Zh || string.Equals(t, v.ToString(), StringComparison.OrdinalIgnoreCase) || string.Equals(t, name(v).En, StringComparison.OrdinalIgnoreCase))
            {
                value = v;
                return true;
            }
        value = default;
        return false;
    }

    public static bool TryParseRole(string text, out string role)
    {
        var t = text.Trim();
        role = Identity.Roles.All.FirstOrDefault(r => string.Equals(r, t, StringComparison.OrdinalIgnoreCase) || Identity.Roles.Name(r).Zh == t) ?? "";
        return role.Length > 0;
    }

    /// <summary>A date as yyyy-MM-dd, or as a spreadsheet's date number (the workbook may hold either).</summary>
    public static bool TryParseDate(string? text, out DateOnly day)
    {
        var t = text?.Trim() ?? "";
        if (DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day)) return true;
        if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 1 and < 2958466 && serial == Math.Floor(serial))
        {
            day = DateOnly.FromDateTime(DateTime.FromOADate(serial));
            return true;
        }
        return false;
    }

    private static bool? ParseYesNo(string? text) => (text?.Trim().ToLowerInvariant() ?? "") switch
    {
        "" or "否" or "no" or "false" or "0" or "n" => false,
        "是" or "yes" or "true" or "1" or "y" => true,
        _ => null,
    };

    // ---- JSON ----

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static OrganisationFile? FromJson(byte[] content, List<ImportError> errors)
    {
        try
        {
            var file = JsonSerializer.Deserialize<OrganisationFile>(content, Json);
            if (file is null) throw new JsonException("null");
            return new(Numbered(file.Units, (r, i) => r with { Row = i }), Numbered(file.People, (r, i) => r with { Row = i }),
                Numbered(file.Leadership, (r, i) => r with { Row = i }), Numbered(file.Users, (r, i) => r with { Row = i }));
        }
        catch (JsonException e)
        {
            errors.Add(new("JSON", (int)(e.LineNumber ?? 0) + 1, e.Path ?? "",
                Say.T($"不是本系统的组织体系JSON：{e.Message}", $"Not an organisation file of this application: {e.Message}")));
            return null;
        }
    }

    private static List<T> Numbered<T>(IReadOnlyList<T>? rows, Func<T, int, T> number) =>
        (rows ?? []).Where(r => r is not null).Select((r, i) => number(r, i + 1)).ToList();

    // ---- the workbook ----

    public static OrganisationFile? FromXlsx(byte[] content, List<ImportError> errors)
    {
        SpreadsheetDocument document;
        try { document = SpreadsheetDocument.Open(new MemoryStream(content), false); }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FileFormatException or IOException)
        {
            errors.Add(new("xlsx", 0, "", Say.T("无法读取该文件：不是有效的 .xlsx 工作簿。", "The file cannot be read: it is not a valid .xlsx workbook.")));
            return null;
        }
        using (document)
        {
            var book = document.WorkbookPart!;
            var shared = book.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
            List<Dictionary<string, (string Value, int Row)>>? Read(Sheet sheet)
            {
                var entry = book.Workbook.Sheets?.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>()
                    .FirstOrDefault(s => s.Name?.Value is { } n && (n == sheet.Name || sheet.Name.Split(' ').Contains(n)));
                if (entry?.Id?.Value is not { } id)
                {
                    errors.Add(new(sheet.Name, 0, "", Say.T($"工作簿中没有“{sheet.Name}”表。", $"The workbook has no sheet '{sheet.Name}'.")));
                    return null;
                }
                var rows = ((WorksheetPart)book.GetPartById(id)).Worksheet.Descendants<Row>().ToList();
                var header = rows.FirstOrDefault();
                var columns = new Dictionary<string, string>(); // letter -> json name
                foreach (var cell in header?.Elements<Cell>() ?? [])
                {
                    var text = CellText(cell, shared).Trim();
                    if (sheet.Columns.FirstOrDefault(c => c.Header == text || c.Header.Split(' ', 2).Contains(text) || c.JsonName == text) is { } column)
                        columns[Letters(cell.CellReference?.Value)] = column.JsonName;
                }
                foreach (var missing in sheet.Columns.Where(c => !columns.ContainsValue(c.JsonName)))
                    errors.Add(new(sheet.Name, 1, missing.Header, Say.T("缺少该列。", "This column is missing.")));
                var list = new List<Dictionary<string, (string, int)>>();
                foreach (var row in rows.Skip(1))
                {
                    var number = (int)(row.RowIndex?.Value ?? 0);
                    var values = sheet.Columns.ToDictionary(c => c.JsonName, _ => ("", number));
                    foreach (var cell in row.Elements<Cell>())
                        if (columns.TryGetValue(Letters(cell.CellReference?.Value), out var name))
                            values[name] = (CellText(cell, shared).Trim(), number);
                    // A row with nothing in it is spacing, not a record.
                    if (values.Values.Any(v => v.Item1.Length > 0)) list.Add(values);
                }
                return list;
            }
            var units = Read(UnitsSheet);
            var people = Read(PeopleSheet);
            var leadership = Read(LeadershipSheet);
            var users = Read(UsersSheet);
            if (units is null || people is null || leadership is null || users is null || errors.Count > 0) return null;

            bool Retired(Sheet sheet, Dictionary<string, (string Value, int Row)> r)
            {
                var (value, row) = r["retired"];
                if (ParseYesNo(value) is { } yes) return yes;
                errors.Add(new(sheet.Name, row, sheet.HeaderOf("retired"), Say.T("请填写“是”或“否”。", "Write yes or no.")));
                return false;
            }
            static string? Blank(string s) => s.Length == 0 ? null : s;
            var file = new OrganisationFile(
                units.Select(r => new UnitRow(r["code"].Value, r["name"].Value, r["kind"].Value, r["level"].Value, Blank(r["parent"].Value),
                    Blank(r["industry"].Value), Blank(r["regulator"].Value), Retired(UnitsSheet, r)) { Row = r["code"].Row }).ToList(),
                people.Select(r => new PersonRow(r["code"].Value, r["name"].Value, r["post"].Value, r["unit"].Value, r["managingOrganisation"].Value,
                    Retired(PeopleSheet, r)) { Row = r["code"].Row }).ToList(),
                leadership.Select(r => new LeadershipRow(r["unit"].Value, r["post"].Value, r["person"].Value, Blank(r["from"].Value), Blank(r["to"].Value)) { Row = r["unit"].Row }).ToList(),
                users.Select(r => new UserRow(r["userName"].Value, r["displayName"].Value, r["unit"].Value, r["roles"].Value) { Row = r["userName"].Row }).ToList());
            return errors.Count > 0 ? null : file;
        }
    }

    private static string Letters(string? reference) => new((reference ?? "").TakeWhile(char.IsLetter).ToArray());

    private static string CellText(Cell cell, List<string> shared)
    {
        if (cell.DataType?.Value == CellValues.InlineString) return cell.InlineString?.InnerText ?? "";
        var raw = cell.CellValue?.Text ?? "";
        if (cell.DataType?.Value == CellValues.SharedString && int.TryParse(raw, out var i) && i >= 0 && i < shared.Count) return shared[i];
        return raw;
    }

    /// <summary>The workbook: the explanation sheet first, then one sheet per list, every value as text.</summary>
    public byte[] ToXlsx()
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var book = document.AddWorkbookPart();
            book.Workbook = new Workbook();
            var styles = book.AddNewPart<WorkbookStylesPart>();
            // Style 1 is bold, for header rows; the rest is the default.
            styles.Stylesheet = new Stylesheet(
                new Fonts(new Font(), new Font(new Bold())),
                new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
                new Borders(new Border()),
                new CellFormats(new CellFormat(), new CellFormat { FontId = 1, ApplyFont = true }));
            var sheets = book.Workbook.AppendChild(new Sheets());
            uint sheetId = 1;
            void Add(string name, IEnumerable<string[]> rows, double[] widths)
            {
                var part = book.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                uint index = 1;
                foreach (var values in rows)
                {
                    var row = new Row { RowIndex = index };
                    for (var c = 0; c < values.Length; c++)
                        row.AppendChild(new Cell
                        {
                            CellReference = $"{ColumnLetter(c)}{index}",
                            DataType = CellValues.InlineString,
                            InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(values[c] ?? "") { Space = SpaceProcessingModeValues.Preserve }),
                            StyleIndex = index == 1 ? 1u : null,
                        });
                    data.AppendChild(row);
                    index++;
                }
                var columns = new Columns(widths.Select((w, i) => new DocumentFormat.OpenXml.Spreadsheet.Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = w, CustomWidth = true }));
                part.Worksheet = new Worksheet(new SheetViews(new SheetView { WorkbookViewId = 0, Pane = new Pane { VerticalSplit = 1, TopLeftCell = "A2", State = PaneStateValues.Frozen, ActivePane = PaneValues.BottomLeft } }), columns, data);
                sheets.AppendChild(new DocumentFormat.OpenXml.Spreadsheet.Sheet { Id = book.GetIdOfPart(part), SheetId = sheetId++, Name = name });
            }
            Add(ReadMeSheet, ReadMe(), [24, 34, 90, 60]);
            Add(UnitsSheet.Name, Rows(UnitsSheet, Units.Select(u => new[] { u.Code, u.Name, u.Kind, u.Level, u.Parent ?? "", u.Industry ?? "", u.Regulator ?? "", u.Retired ? "是" : "否" })), [14, 30, 22, 10, 14, 12, 14, 8]);
            Add(PeopleSheet.Name, Rows(PeopleSheet, People.Select(p => new[] { p.Code, p.Name, p.Post ?? "", p.Unit, p.ManagingOrganisation, p.Retired ? "是" : "否" })), [14, 12, 30, 14, 14, 8]);
            Add(LeadershipSheet.Name, Rows(LeadershipSheet, Leadership.Select(l => new[] { l.Unit, l.Post, l.Person, l.From ?? "", l.To ?? "" })), [14, 26, 14, 12, 12]);
            Add(UsersSheet.Name, Rows(UsersSheet, Users.Select(u => new[] { u.UserName, u.DisplayName, u.Unit, u.Roles })), [20, 24, 14, 40]);
            book.Workbook.Save();
        }
        return stream.ToArray();
    }

    private static IEnumerable<string[]> Rows(Sheet sheet, IEnumerable<string[]> rows) => rows.Prepend(sheet.Columns.Select(c => c.Header).ToArray());

    private static IEnumerable<string[]> ReadMe()
    {
        yield return ["表 Sheet", "列 Column", "含义 Meaning", "可填写 Allowed values"];
        yield return ["", "", "每个表的第一行是列名，从第二行起每行一条记录。导入是全部或全不：有任何错误时不作任何修改，并按表、行、列列出每个错误。文件中没有的单位和人员将被标为已撤销/已离任（不会删除）；文件中没有的用户保持不变。" +
            " The first row of each sheet names the columns; each further row is one record. An import is all or nothing: with any error nothing changes, and every error is listed by sheet, row and column. Units and people missing from the file are retired (never deleted); users missing from it are left as they are.", ""];
        foreach (var sheet in Sheets)
            foreach (var column in sheet.Columns)
                yield return [sheet.Name, column.Header, column.Meaning, column.Allowed];
    }

    private static string ColumnLetter(int index) => index < 26 ? ((char)('A' + index)).ToString() : $"{(char)('A' + index / 26 - 1)}{(char)('A' + index % 26)}";

    public static OrganisationFile? Read(OrganisationFormat format, byte[] content, List<ImportError> errors) =>
        format == OrganisationFormat.Json ? FromJson(content, errors) : FromXlsx(content, errors);

    public byte[] Write(OrganisationFormat format) => format == OrganisationFormat.Json ? ToJson() : ToXlsx();

    /// <summary>Where a row of a list is, for an error: the sheet's name in a workbook, the list's name in JSON.</summary>
    public static string SheetName(Sheet sheet, OrganisationFormat format) => format == OrganisationFormat.Json ? sheet.JsonName : sheet.Name;

    public static string ColumnName(Sheet sheet, string jsonName, OrganisationFormat format) => format == OrganisationFormat.Json ? jsonName : sheet.HeaderOf(jsonName);
}
