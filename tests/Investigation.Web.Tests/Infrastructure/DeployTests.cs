using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Investigation.Web.Tests.Infrastructure;

/// <summary>The shipped deploy/ files: nginx accepts its configuration, and it balances the three ports the systemd template serves.</summary>
public sealed class DeployTests
{
    private static string Deploy()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, "deploy", "nginx"))) return Path.Combine(dir.FullName, "deploy");
        throw new DirectoryNotFoundException("deploy/ not found above the test's folder.");
    }

    [Fact]
    public async Task NginxAcceptsTheShippedConfiguration()
    {
        var nginx = File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx";
        var folder = Directory.CreateTempSubdirectory("investigation-nginx-").FullName;
        var conf = Path.Combine(folder, "nginx.conf");
        // The shipped file is an http-level include, as in /etc/nginx/conf.d/: wrap it as nginx.conf would.
        await File.WriteAllTextAsync(conf, $$"""
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log;
            events {}
            http {
                access_log off;
                client_body_temp_path {{folder}}; proxy_temp_path {{folder}}; fastcgi_temp_path {{folder}}; uwsgi_temp_path {{folder}}; scgi_temp_path {{folder}};
                include {{Path.Combine(Deploy(), "nginx", "investigation.conf")}};
            }
            """);
        var start = new ProcessStartInfo(nginx) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "-t", "-p", folder, "-c", conf }) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, error);
        Assert.Contains("test is successful", error);
    }

    [Fact]
    public void NginxBalancesThePortsOfTheSystemdTemplate_AndTheUnitsStartTheApplication()
    {
        var nginx = File.ReadAllText(Path.Combine(Deploy(), "nginx", "investigation.conf"));
        var ports = Regex.Matches(nginx, @"^\s*server 127\.0\.0\.1:(\d+)", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["5081", "5082", "5083"], ports);

        var template = File.ReadAllText(Path.Combine(Deploy(), "investigation@.service"));
        Assert.Contains("ASPNETCORE_URLS=http://127.0.0.1:%i", template);
        foreach (var unit in new[] { "investigation.service", "investigation@.service" })
            Assert.Contains("ExecStart=/usr/bin/dotnet /opt/investigation/Investigation.Web.dll", File.ReadAllText(Path.Combine(Deploy(), unit)));
    }
}
