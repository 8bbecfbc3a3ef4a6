using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Investigation.Web.Tests.Support;
using Investigation.Workflows.Data;
using Investigation.Workflows.Data.Entities;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Investigation.Web.Tests.Admin;

/// <summary>
/// The README's backup and restore keep evidence files: uploaded in either store, `backup --to FILE` (the
/// folder store's files land in FILE.evidence), restored into a fresh place as the README says, and
/// downloaded there with the same bytes and SHA-256.
/// </summary>
public sealed class BackupKeepsEvidenceTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("investigation-backup-evidence-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }

    private sealed class StoreApp(string store) : WebApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Evidence:Store", store);
        }
    }

    [Theory]
    [InlineData("Folder")]
    [InlineData("Database")]
    public async Task Backup_ThenRestoreIntoAFreshPlace_DownloadsTheSameBytes(string store)
    {
        var content = RandomNumberGenerator.GetBytes(200_000);
        var sha = Convert.ToHexStringLower(SHA256.HashData(content));
        Guid caseId;
        string backupPath = Path.Combine(folder, "backup.db"), keyFile;
        using (var app = new StoreApp(store))
        {
            caseId = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow(), title: "备份证据文件")).CaseId;
            var officer = await app.SignInAsync("caseofficer");
            Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(officer, caseId, "现场照片.zip", content)).StatusCode);
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var file = await scope.ServiceProvider.GetRequiredService<InvestigationDbContext>().Set<EvidenceFile>().SingleAsync(f => f.CaseId == caseId);
                Assert.Equal((store.ToLowerInvariant(), sha), (file.Store, file.Sha256));
            }

            var backup = await FirstDayApp.RunCommandAsync(app.DatabasePath, null, null, "backup", "--to", backupPath);

            Assert.True(backup.ExitCode == 0, backup.Output);
            Assert.Contains($"{(store == "Folder" ? 1 : 0)} evidence files copied", backup.Output);
            keyFile = Path.Combine(Path.GetDirectoryName(app.DatabasePath)!, "audit.key");
            keyFile = File.Exists(keyFile) ? File.ReadAllText(keyFile) : "";
        }
        SqliteConnection.ClearAllPools();

        using var restored = new StoreApp(store);
        // The README's restore: the backup in as investigation.db, its .evidence folder in as the evidence folder,
        // the audit key from its own place. Nothing of the first application's folder is used.
        var place = Path.GetDirectoryName(restored.DatabasePath)!;
        File.Copy(backupPath, restored.DatabasePath, overwrite: true);
        CopyFolder(DatabaseBackup.EvidenceFolderOf(backupPath), Path.Combine(place, "evidence"));
        if (keyFile.Length > 0) File.WriteAllText(Path.Combine(place, "audit.key"), keyFile);

        Assert.False(File.Exists(backupPath + "-wal")); // one file, as the README says
        var reader = await restored.SignInAsync("investigator");
        var page = await WebApp.PageAsync(reader, $"/Cases/Details/{caseId}");
        var link = page.QuerySelector("#evidence-files tr[data-file] a")!.GetAttribute("href")!;
        var download = await reader.GetAsync(link);

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var bytes = await download.Content.ReadAsByteArrayAsync();
        Assert.Equal(sha, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        Assert.Equal(content, bytes);
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, Guid caseId, string name, byte[] content)
    {
        var form = await WebApp.FormAsync(client, $"/Cases/Details/{caseId}", "form.evidence-upload");
        var body = new MultipartFormDataContent
        {
            { new StringContent(form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
            { new StringContent(""), "level" },
        };
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        body.Add(file, "file", name);
        return await client.PostAsync(form.GetAttribute("action"), body);
    }
}
