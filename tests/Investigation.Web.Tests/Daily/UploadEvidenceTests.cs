using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Investigation.Web.Tests.Support;
using Investigation.Workflows.Data;
using Investigation.Workflows.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Investigation.Web.Tests.Daily;

/// <summary>Evidence files on a case (UploadEvidence, GetEvidenceFile) and the team's comments (CommentOnCase).</summary>
public sealed class UploadEvidenceTests(WebApp app) : IClassFixture<WebApp>
{
    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, Guid caseId, string name, byte[] content, string level = "")
    {
        var form = await WebApp.FormAsync(client, $"/Cases/Details/{caseId}", "form.evidence-upload");
        var body = new MultipartFormDataContent
        {
            { new StringContent(form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
            { new StringContent(level), "level" },
        };
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        body.Add(file, "file", name);
        return await client.PostAsync(form.GetAttribute("action"), body);
    }

    private async Task<T> ReadAsync<T>(Func<InvestigationDbContext, Task<T>> read)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<InvestigationDbContext>());
    }

    [Fact]
    public async Task Upload_KeepsTheFileWithItsSha256OnTheAuditRecord_AndWhoeverSeesTheCaseDownloadsIt_OthersGet404()
    {
        var id = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow())).CaseId;
        var officer = await app.SignInAsync("caseofficer");
        var content = Encoding.UTF8.GetBytes("2026-03-01 08:31 GET /index.html 502\n");
        var sha = Convert.ToHexStringLower(SHA256.HashData(content));

        var uploaded = await UploadAsync(officer, id, "访问日志.log", content, "PartyConcerned");

        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var file = await ReadAsync(db => db.Set<EvidenceFile>().SingleAsync(f => f.CaseId == id));
        Assert.Equal((sha, "访问日志.log", "folder", Investigation.Domain.TraceBack.TraceBackLevel.PartyConcerned), (file.Sha256, file.FileName, file.Store, file.Level));
        // In the folder beside the database file: one App_Data folder to back up and restore holds both.
        var n = file.Id.ToString("N");
        Assert.Equal(content, await File.ReadAllBytesAsync(Path.Combine(Path.GetDirectoryName(app.DatabasePath)!, "evidence", n[..2], n + ".bin")));
        var audit = await ReadAsync(db => db.AuditEntries.SingleAsync(e => e.CaseId == id && e.Action == "UploadEvidence"));
        Assert.Contains(sha, audit.Data);
        Assert.DoesNotContain(Convert.ToBase64String(content), audit.Data); // the hash, not the bytes

        var page = await WebApp.PageAsync(officer, $"/Cases/Details/{id}");
        var link = page.QuerySelector($"#evidence-files tr[data-file='{file.Id}'] a")!.GetAttribute("href")!;
        // Whoever sees the case downloads it; another prefecture gets 404, as for a case that does not exist.
        var investigator = await app.SignInAsync("investigator");
        var download = await investigator.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(content, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("text/plain", download.Content.Headers.ContentType!.MediaType); // a log is previewed in the browser
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        var outsider = await app.SignInAsync("investigator-anping");
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(link)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/Cases/Details/{id}?handler=Evidence&file={Guid.NewGuid()}")).StatusCode);
    }

    [Theory]
    [InlineData("script.exe", "不支持此类文件")]
    [InlineData("empty.pdf", "文件是空的")]
    public async Task Upload_OfAWrongTypeOrAnEmptyFile_IsRefused_AndKeepsNothing(string name, string message)
    {
        var id = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow())).CaseId;
        var officer = await app.SignInAsync("caseofficer");

        var refused = await UploadAsync(officer, id, name, name.EndsWith(".exe") ? [0x4d, 0x5a] : []);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(message, (await WebApp.ParseAsync(refused)).QuerySelector("form.evidence-upload [role=alert]")!.TextContent);
        Assert.Equal(0, await ReadAsync(db => db.Set<EvidenceFile>().CountAsync(f => f.CaseId == id)));
    }

    /// <summary>
    /// Evidence files may be as large as Evidence:MaxBytes (20 MB), though every other body stops at 2 MB: a 3 MB scan
    /// is kept whole; a body over the evidence cap gets the error page naming that cap, and nothing is kept.
    /// </summary>
    [Fact]
    public async Task Upload_LargerThanOtherBodiesButWithinTheEvidenceLimit_IsKept_AndOneOverItIsRefusedWithItsLimit()
    {
        var id = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow())).CaseId;
        var officer = await app.SignInAsync("caseofficer");
        var scan = new byte[3 * 1024 * 1024];
        new Random(17).NextBytes(scan);

        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(officer, id, "扫描件.pdf", scan)).StatusCode);
        var kept = await ReadAsync(db => db.Set<EvidenceFile>().SingleAsync(f => f.CaseId == id));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(scan)), kept.Sha256);

        var refused = await UploadAsync(officer, id, "过大.pdf", new byte[23 * 1024 * 1024]);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        Assert.Contains("22 MB", (await WebApp.ParseAsync(refused)).Body!.TextContent);
        Assert.Equal(1, await ReadAsync(db => db.Set<EvidenceFile>().CountAsync(f => f.CaseId == id)));
        // Elsewhere the ordinary cap holds.
        var big = await officer.PostAsync("/Tasks", new ByteArrayContent(new byte[3 * 1024 * 1024]));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, big.StatusCode);
        Assert.Contains("2 MB", (await WebApp.ParseAsync(big)).Body!.TextContent);
    }

    [Fact]
    public async Task Comment_IsShownToTheTeam_AndAnEmptyOneIsRefused()
    {
        var id = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow())).CaseId;
        var officer = await app.SignInAsync("caseofficer");
        var form = await WebApp.FormAsync(officer, $"/Cases/Details/{id}", "form[action*='handler=Comment']");

        var empty = await officer.PostAsync(form.GetAttribute("action"), WebApp.Fields(form, new() { ["text"] = " " }));
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("评论", (await WebApp.ParseAsync(empty)).QuerySelector("section[aria-labelledby=comments] [role=alert]")!.TextContent);

        var posted = await officer.PostAsync(form.GetAttribute("action"), WebApp.Fields(form, new() { ["text"] = "请调查组补充值班记录。" }));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var page = await WebApp.PageAsync(await app.SignInAsync("investigator"), $"/Cases/Details/{id}");
        Assert.Contains("请调查组补充值班记录。", page.QuerySelector("#case-comments")!.TextContent);
    }
}

/// <summary>Evidence:Store = Database: the bytes go into the database, in the upload's transaction.</summary>
public sealed class DatabaseEvidenceApp : WebApp
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Evidence:Store", "Database");
    }
}

public sealed class UploadEvidenceToTheDatabaseTests(DatabaseEvidenceApp app) : IClassFixture<DatabaseEvidenceApp>
{
    [Fact]
    public async Task Upload_WithTheDatabaseStore_KeepsTheBytesInTheDatabase_AndServesThem()
    {
        var id = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow())).CaseId;
        var officer = await app.SignInAsync("caseofficer");
        var content = Encoding.UTF8.GetBytes("%PDF-1.4 值班记录");
        var form = await WebApp.FormAsync(officer, $"/Cases/Details/{id}", "form.evidence-upload");
        var body = new MultipartFormDataContent
        {
            { new StringContent(form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
            { new ByteArrayContent(content), "file", "值班记录.pdf" },
        };

        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostAsync(form.GetAttribute("action"), body)).StatusCode);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InvestigationDbContext>();
        var file = await db.Set<EvidenceFile>().SingleAsync(f => f.CaseId == id);
        Assert.Equal("database", file.Store);
        Assert.Equal(content, (await db.Set<EvidenceContent>().SingleAsync(c => c.Id == file.Id)).Content);
        Assert.False(Directory.Exists(Path.Combine(Path.GetDirectoryName(app.DatabasePath)!, "evidence")));
        var download = await officer.GetAsync($"/Cases/Details/{id}?handler=Evidence&file={file.Id}");
        Assert.Equal(content, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
    }
}
