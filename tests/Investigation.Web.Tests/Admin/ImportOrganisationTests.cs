using System.Net;
using System.Text;
using Investigation.Web.Tests.Support;
using Investigation.Workflows.Features.Admin;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Web.Tests.Admin;

/// <summary>The organisation from a file and back, through the import page, on a first-day database.</summary>
public sealed class ImportOrganisationTests : IAsyncLifetime
{
    private readonly FirstDayApp app = new();
    private HttpClient admin = null!;

    public async Task InitializeAsync()
    {
        await app.SetUpAdministratorAsync();
        admin = await app.SignInAsync(FirstDayApp.AdminName);
    }

    public Task DisposeAsync()
    {
        app.Dispose();
        return Task.CompletedTask;
    }

    private Task<string> StoredAsync() => app.ReadAsync(async db =>
        string.Join("\n", (await db.Units.AsNoTracking().OrderBy(u => u.Id).ToListAsync()).Select(u => $"{u.Id} {u.Code} {u.Name} {u.Kind} {u.Level} {u.ParentId} {u.Industry} {u.RegulatorId} {u.Retired}"))
        + string.Join("\n", (await db.People.AsNoTracking().OrderBy(p => p.Id).ToListAsync()).Select(p => $"{p.Id} {p.Code} {p.Name} {p.Post} {p.UnitId} {p.ManagingOrganisationId} {p.Retired}"))
        + string.Join("\n", (await db.Appointments.AsNoTracking().ToListAsync()).Select(a => $"{a.UnitId} {a.PersonId} {a.Role} {a.From} {a.To}").Order())
        + string.Join("\n", (await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync()).Select(u => $"{u.UserName} {u.DisplayName} {u.UnitId} {u.ConcurrencyStamp}"))
        + string.Join("\n", (await db.UserRoles.AsNoTracking().ToListAsync()).Select(r => $"{r.UserId} {r.RoleId}").Order()));

    [Fact]
    public async Task ImportTheExampleWorkbook_ThenAnImportedUserSignsIn_AndTheAdministratorStandsAtTheRoot()
    {
        var (response, page) = await FirstDayApp.UploadAsync(admin, FirstDayApp.Example("xlsx"), "example-organisation.xlsx", "import", FirstDayApp.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(page.QuerySelectorAll(".import-error"));
        Assert.True(FirstDayApp.Count(page, "count-added") >= 70 + 200, page.QuerySelector("#import-report")?.TextContent);
        Assert.Equal((70, 274), await app.ReadAsync(async db => (await db.Units.CountAsync(), await db.People.CountAsync())));
        var officer = await app.SignInAsync("caseofficer");
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync("/Cases/Register")).StatusCode);
        var tree = await WebApp.PageAsync(admin, "/Admin/Organisation");
        Assert.Equal("东川省委", tree.QuerySelector(".org-tree > li .unit-name")?.TextContent);
        Assert.Contains(await app.AuditAsync(), e => e.Action == "ImportOrganisation" && e.Data.Contains("sha256"));
    }

    [Fact]
    public async Task DryRun_SaysWhatWouldBeAdded_AndChangesNothing()
    {
        var before = await StoredAsync();

        var (_, page) = await FirstDayApp.UploadAsync(admin, FirstDayApp.Example("json"), "example-organisation.json", "preview");

        Assert.Equal(70 + 274 + 13, FirstDayApp.Count(page, "count-added"));
        Assert.Equal(0, FirstDayApp.Count(page, "count-changed"));
        Assert.Equal(before, await StoredAsync());
        Assert.DoesNotContain(await app.AuditAsync(), e => e.Action == "ImportOrganisation");
    }

    [Theory]
    [InlineData("xlsx")]
    [InlineData("json")]
    public async Task ExportThenImport_ChangesNothing(string format)
    {
        await FirstDayApp.UploadAsync(admin, FirstDayApp.Example("json"), "example-organisation.json", "import", FirstDayApp.Password);
        var export = await admin.GetAsync($"/Admin/Organisation/Import?handler=Export&format={format}");
        var exported = await export.Content.ReadAsByteArrayAsync();
        var before = await StoredAsync();

        var (_, preview) = await FirstDayApp.UploadAsync(admin, exported, "organisation." + format, "preview");
        var (_, imported) = await FirstDayApp.UploadAsync(admin, exported, "organisation." + format, "import");

        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        foreach (var page in new[] { preview, imported })
        {
            Assert.Empty(page.QuerySelectorAll(".import-error"));
            Assert.Equal((0, 0, 0), (FirstDayApp.Count(page, "count-added"), FirstDayApp.Count(page, "count-changed"), FirstDayApp.Count(page, "count-retired")));
        }
        Assert.Equal(before, await StoredAsync());
    }

    /// <summary>The example with four mistakes: a missing parent, a regulator that is not one, a person listed twice, a bad date.</summary>
    private static OrganisationFile WithMistakes()
    {
        var errors = new List<ImportError>();
        var example = OrganisationFile.FromJson(FirstDayApp.Example("json"), errors)!;
        var units = example.Units.ToList();
        var i = units.FindIndex(u => u.Code == "SL-MD");
        units[i] = units[i] with { Parent = "NO-SUCH-UNIT" };
        var j = units.FindIndex(u => u.Code == "HY-GD");
        units[j] = units[j] with { Regulator = "HY-ZF" };
        var people = example.People.Append(example.People[5]).ToList();
        var leadership = example.Leadership.ToList();
        leadership[3] = leadership[3] with { From = "2024-13-45" };
        return example with { Units = units, People = people, Leadership = leadership };
    }

    [Theory]
    [InlineData("xlsx")]
    [InlineData("json")]
    public async Task ImportWithErrors_ChangesNothing_AndListsEveryErrorWithItsPlace(string format)
    {
        var file = WithMistakes();
        var before = await StoredAsync();

        var (_, page) = await FirstDayApp.UploadAsync(admin, format == "json" ? file.ToJson() : file.ToXlsx(), "organisation." + format, "import", FirstDayApp.Password);

        var rows = page.QuerySelectorAll(".import-error").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent).ToArray()).ToList();
        var units = format == "json" ? "units" : "单位 Units";
        var people = format == "json" ? "people" : "人员 People";
        var leadership = format == "json" ? "leadership" : "领导班子 Leadership";
        // A sheet's first row is its header, so the n-th unit is on row n + 1 of the workbook and item n of the JSON list.
        var offset = format == "json" ? 0 : 1;
        var missingParentRow = file.Units.ToList().FindIndex(u => u.Code == "SL-MD") + 1 + offset;
        var regulatorRow = file.Units.ToList().FindIndex(u => u.Code == "HY-GD") + 1 + offset;
        Assert.Contains(rows, r => r[0] == units && r[1] == missingParentRow.ToString() && r[2] == (format == "json" ? "parent" : "上级单位代码 Parent code") && r[3].Contains("NO-SUCH-UNIT"));
        Assert.Contains(rows, r => r[0] == units && r[1] == regulatorRow.ToString() && r[2] == (format == "json" ? "regulator" : "行业主管监管部门代码 Regulator code") && r[3].Contains("不是行业主管监管部门"));
        Assert.Contains(rows, r => r[0] == people && r[1] == (file.People.Count + offset).ToString() && r[3].Contains("重复"));
        Assert.Contains(rows, r => r[0] == leadership && r[1] == (4 + offset).ToString() && r[2] == (format == "json" ? "from" : "任职起始 From") && r[3].Contains("2024-13-45"));
        Assert.Equal(4, rows.Count);
        Assert.Equal(before, await StoredAsync());
        Assert.DoesNotContain(await app.AuditAsync(), e => e.Action == "ImportOrganisation");
    }

    [Fact]
    public async Task ImportWithErrors_InEnglish_ListsTheErrorsInEnglish()
    {
        await admin.PostAsync("/Account/Language", await LanguageFormAsync("en"));

        var (_, page) = await FirstDayApp.UploadAsync(admin, WithMistakes().ToJson(), "organisation.json", "preview");

        Assert.Contains(page.QuerySelectorAll(".import-error td"), c => c.TextContent.Contains("There is no parent unit with the code 'NO-SUCH-UNIT'"));
    }

    private async Task<FormUrlEncodedContent> LanguageFormAsync(string culture)
    {
        var form = await WebApp.FormAsync(admin, "/Admin/Organisation/Import", "form[action='/Account/Language']");
        return WebApp.Fields(form, new() { ["culture"] = culture });
    }

    [Fact]
    public async Task ReimportWithoutAUnit_RetiresItAndItsPeople_AndDeletesNothing()
    {
        await FirstDayApp.UploadAsync(admin, FirstDayApp.Example("json"), "example-organisation.json", "import", FirstDayApp.Password);
        var errors = new List<ImportError>();
        var example = OrganisationFile.FromJson(FirstDayApp.Example("json"), errors)!;
        var gone = "NP-DK-RM";
        var lessened = example with
        {
            Units = example.Units.Where(u => u.Code != gone).Select(u => u.Code == "NP-XW" ? u with { Name = "南浦新闻网" } : u).ToList(),
            People = example.People.Where(p => p.Unit != gone).ToList(),
            Leadership = example.Leadership.Where(l => l.Unit != gone).ToList(),
        };
        var goneCount = example.People.Count(p => p.Unit == gone);

        var (_, preview) = await FirstDayApp.UploadAsync(admin, lessened.ToJson(), "organisation.json", "preview");
        var (_, imported) = await FirstDayApp.UploadAsync(admin, lessened.ToJson(), "organisation.json", "import");

        Assert.Equal((0, 1, 1 + goneCount), (FirstDayApp.Count(preview, "count-added"), FirstDayApp.Count(preview, "count-changed"), FirstDayApp.Count(preview, "count-retired")));
        Assert.Equal(1 + goneCount, FirstDayApp.Count(imported, "count-retired"));
        Assert.Equal((70, 274), await app.ReadAsync(async db => (await db.Units.CountAsync(), await db.People.CountAsync())));
        Assert.True(await app.ReadAsync(db => db.Units.Where(u => u.Code == gone).Select(u => u.Retired).SingleAsync()));
        Assert.Equal("南浦新闻网", await app.ReadAsync(db => db.Units.Where(u => u.Code == "NP-XW").Select(u => u.Name).SingleAsync()));
    }
}
