using System.Net;
using System.Text.Json.Nodes;
using Investigation.Domain.Organisation;
using Investigation.Web.Tests.Admin;
using Investigation.Web.Tests.Api;
using Investigation.Web.Tests.Support;
using Investigation.Workflows.Demo;

namespace Investigation.Web.Tests.Account;

/// <summary>
/// Why a command was refused, in the language the user chose: field messages next to the fields,
/// rule messages at the top of the form, and the same in the API's ProblemDetails. The demo users
/// read Chinese until they choose otherwise; each class has its own database, so one class's
/// choice does not leak into the other's.
/// </summary>
internal static class Refusals
{
    public static (string, string)[] RegulatorWithoutIndustry(string name) =>
        [("Input.Name", name), ("Input.Kind", nameof(UnitKind.IndustryRegulator)), ("Input.Level", nameof(AdministrativeLevel.Prefecture)),
         ("Input.ParentId", DemoOrganisation.Linchuan.Value.ToString()), ("Input.Industry", "")];

    public static readonly (string, string)[] UnitWithoutName =
        [("Input.Name", ""), ("Input.Kind", nameof(UnitKind.PartyOrGovernmentOrgan)), ("Input.Level", nameof(AdministrativeLevel.Prefecture)),
         ("Input.ParentId", DemoOrganisation.Linchuan.Value.ToString()), ("Input.Industry", "")];

    public static object WithoutTitle(DateTimeOffset now) => new
    {
        unitId = DemoOrganisation.ProvincialGovernmentOffice.Value,
        title = "",
        description = "门户网站异常。",
        occurredAt = now.AddHours(-1),
        facts = new { portalParalysis = new { site = "PartyOrGovernmentPortal", siteLevel = "Provincial", attacked = true, disposalOrganisedInTime = false, downAt = now.AddHours(-1) } },
    };

    public static object RestoredLaterThanNow(DateTimeOffset now) => new
    {
        unitId = DemoOrganisation.ProvincialGovernmentOffice.Value,
        title = "门户网站瘫痪",
        description = "门户网站受攻击后瘫痪。",
        occurredAt = now.AddHours(-2),
        facts = new { portalParalysis = new { site = "PartyOrGovernmentPortal", siteLevel = "Provincial", attacked = true, disposalOrganisedInTime = false, downAt = now.AddHours(-1), restoredAt = now.AddHours(3) } },
    };

    public static async Task<JsonNode> ProblemAsync(HttpResponseMessage response)
    {
        Assert.True(ApiClient.IsProblem(response));
        return await ApiClient.JsonAsync(response);
    }

    /// <summary>The user chooses a language on the page any signed-in user has; it is remembered for them.</summary>
    public static async Task ChooseAsync(WebApp app, string userName, string culture)
    {
        var client = await app.SignInAsync(userName);
        var language = await WebApp.FormAsync(client, "/Tasks", "form[action='/Account/Language']");
        await client.PostAsync("/Account/Language", WebApp.Fields(language, new() { ["culture"] = culture }));
    }
}

public sealed class ChineseUserMessagesTests(WebApp app) : IClassFixture<WebApp>
{
    [Fact]
    public async Task Page_ForAChineseUser_ShowsTheFieldMessageAndTheRuleInChinese()
    {
        var admin = await app.SignInAsync("admin");

        var noName = await admin.SubmitAsync("/Admin/Organisation/AddUnit", "main form[method=post]", Refusals.UnitWithoutName);
        var noIndustry = await admin.SubmitAsync("/Admin/Organisation/AddUnit", "main form[method=post]", Refusals.RegulatorWithoutIndustry("临川市通信管理局"));

        Assert.Equal(HttpStatusCode.OK, noName.StatusCode);
        Assert.Equal("'名称' 不能为空。", await AdminTestSupport.MessageAsync(noName, "Input.Name"));
        Assert.Equal("行业主管监管部门“临川市通信管理局”必须写明其主管监管的行业（第四条）。", await AdminTestSupport.MessageAsync(noIndustry));
    }

    [Fact]
    public async Task Api_ForAChineseUser_AnswersTheFieldErrorAndTheRuleInChinese()
    {
        var officer = await app.BearerAsync("caseofficer");
        var now = app.Clock.GetUtcNow();

        var invalid = await Refusals.ProblemAsync(await officer.PostJsonAsync("/api/v1/cases", Refusals.WithoutTitle(now)).Expect(HttpStatusCode.BadRequest));
        var refused = await Refusals.ProblemAsync(await officer.PostJsonAsync("/api/v1/cases", Refusals.RestoredLaterThanNow(now)).Expect(HttpStatusCode.UnprocessableEntity));

        Assert.Equal("请求的内容无效。", invalid["title"]!.GetValue<string>());
        Assert.Equal("'标题' 不能为空。", invalid["errors"]!["Title"]![0]!.GetValue<string>());
        Assert.Equal("恢复服务的时间不能晚于当前时间。", refused["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Api_ForAChineseUser_NamesTheMissingRoleInChinese()
    {
        var investigator = await app.BearerAsync("investigator");

        var response = await investigator.PostJsonAsync("/api/v1/cases", Refusals.RestoredLaterThanNow(app.Clock.GetUtcNow())).Expect(HttpStatusCode.Forbidden);

        Assert.Equal("此操作需要以下角色之一：案件专员（网信办）。", (await Refusals.ProblemAsync(response))["title"]!.GetValue<string>());
    }
}

public sealed class EnglishUserMessagesTests(WebApp app) : IClassFixture<WebApp>
{
    [Fact]
    public async Task Page_ForAnEnglishUser_ShowsTheFieldMessageAndTheRuleInEnglish_AtTheirNextSignInToo()
    {
        await Refusals.ChooseAsync(app, "admin", "en");
        var admin = await app.SignInAsync("admin"); // a new sign-in, without the first one's language cookie

        var noName = await admin.SubmitAsync("/Admin/Organisation/AddUnit", "main form[method=post]", Refusals.UnitWithoutName);
        var noIndustry = await admin.SubmitAsync("/Admin/Organisation/AddUnit", "main form[method=post]", Refusals.RegulatorWithoutIndustry("临川市通信管理局"));

        Assert.Equal("'Name' must not be empty.", await AdminTestSupport.MessageAsync(noName, "Input.Name"));
        Assert.Equal("Industry regulator '临川市通信管理局' must name the industry it supervises (Article 4).", await AdminTestSupport.MessageAsync(noIndustry));

        // Identity's own messages (the password policy) follow the same choice.
        var weak = await admin.CreateUserAsync("weak-user", DemoOrganisation.Province.Value, "short1!", Investigation.Workflows.Identity.Roles.Auditor);
        Assert.Contains(new Microsoft.AspNetCore.Identity.IdentityErrorDescriber().PasswordTooShort(12).Description, await AdminTestSupport.MessageAsync(weak, "Input.Password"));
    }

    [Fact]
    public async Task Api_ForAnEnglishUser_AnswersTheFieldErrorAndTheRuleInEnglish()
    {
        await Refusals.ChooseAsync(app, "caseofficer", "en");
        var officer = await app.BearerAsync("caseofficer"); // the token carries the language the user chose
        var now = app.Clock.GetUtcNow();

        var invalid = await Refusals.ProblemAsync(await officer.PostJsonAsync("/api/v1/cases", Refusals.WithoutTitle(now)).Expect(HttpStatusCode.BadRequest));
        var refused = await Refusals.ProblemAsync(await officer.PostJsonAsync("/api/v1/cases", Refusals.RestoredLaterThanNow(now)).Expect(HttpStatusCode.UnprocessableEntity));

        Assert.Equal("The request is not valid.", invalid["title"]!.GetValue<string>());
        Assert.Equal("'Title' must not be empty.", invalid["errors"]!["Title"]![0]!.GetValue<string>());
        Assert.Equal("Service cannot be recorded as restored later than now.", refused["title"]!.GetValue<string>());
    }
}
