using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Investigation.Domain;
using Investigation.Domain.Accountability;
using Investigation.Domain.Cases;
using Investigation.Web.Tests.Api;
using Investigation.Web.Tests.Support;
using Investigation.Workflows.Documents;
using Investigation.Workflows.Features.Cases;

namespace Investigation.Web.Tests.Cases;

/// <summary>The 问责建议书, 调查报告 and 问责决定书 (ExportDocument): opened after generation, their parts checked.</summary>
public sealed class ExportDocumentTests(WebApp app) : IClassFixture<WebApp>
{
    private static readonly DateOnly DecidedOn = new(2026, 3, 2);

    private static List<(string Text, string? Font, string? Justification)> Paragraphs(byte[] docx)
    {
        using var stream = new MemoryStream(docx);
        using var doc = WordprocessingDocument.Open(stream, false);
        Assert.NotNull(doc.MainDocumentPart!.FontTablePart);
        var section = doc.MainDocumentPart.Document!.Body!.Elements<SectionProperties>().Single();
        Assert.Equal(2098, section.GetFirstChild<PageMargin>()!.Top!.Value); // 37 mm top margin (GB/T 9704)
        return doc.MainDocumentPart.Document.Body!.Elements<Paragraph>().Select(p => (
            p.InnerText,
            p.Descendants<RunFonts>().FirstOrDefault()?.EastAsia?.Value,
            p.ParagraphProperties?.Justification?.Val?.ToString())).ToList();
    }

    [Fact]
    public async Task Decision_HasTheMark_Number_Title_Addressees_EveryPersonAndForm_AndTheAppealNotice()
    {
        var id = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow(), title: "决定书")).CaseId;
        await app.Script.RunToAsync(id, CaseStatus.Decided, DecidedOn);
        var c = (await app.Script.SendAs("auditor", new GetCase.Query(id))).Case;
        var tree = (await app.Script.SendAs("auditor", new GetCase.Query(id))).Organisation;
        var client = await app.SignInAsync("partycommittee");

        var response = await client.GetAsync($"/Cases/Details/{id}?handler=Document&document=Decision");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ExportDocument.Result.ContentType, response.Content.Headers.ContentType!.MediaType);
        var paragraphs = Paragraphs(await response.Content.ReadAsByteArrayAsync());

        Assert.Equal(("江北省委文件", "方正小标宋简体"), (paragraphs[0].Text, paragraphs[0].Font));
        var number = int.Parse(c.Number.Split('-')[1]);
        Assert.Equal($"问责决〔2026〕{number}号", paragraphs[1].Text);
        Assert.Equal("问责决定书", paragraphs[2].Text);
        Assert.EndsWith("：", paragraphs[3].Text); // 主送机关
        var body = string.Join("\n", paragraphs.Select(p => p.Text));
        foreach (var m in c.Decision!.Measures)
        {
            var person = tree.Person(new PersonId(m.Subject.Id));
            Assert.Contains(person.Name, paragraphs[3].Text);
            Assert.Contains($"{person.Name}（{person.Post}）：{string.Join("、", m.Forms.Select(f => f.Name().Zh))}", body);
        }
        Assert.Contains("自收到本决定书之日起1个月内", body);
        Assert.Contains("第二十条", body);
        Assert.Equal("江北省委", paragraphs[^2].Text); // 落款
        Assert.Equal("2026年3月2日", paragraphs[^1].Text);
        Assert.Equal(("一、基本情况", "黑体"), (paragraphs[4].Text, paragraphs[4].Font)); // first-level heading
        Assert.Equal("仿宋_GB2312", paragraphs[5].Font); // body
    }

    [Fact]
    public async Task SuggestionAndReport_ThroughTheApi_NameTheirPeople_AndABlankOneIsRefused()
    {
        var id = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow(), title: "建议书")).CaseId;
        var investigator = await app.BearerAsync("investigator");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await investigator.GetAsync($"/api/v1/cases/{id}/documents/Suggestion")).StatusCode);

        await app.Script.RunToAsync(id, CaseStatus.UnderReview, DecidedOn);
        var c = (await app.Script.SendAs("auditor", new GetCase.Query(id))).Case;
        var tree = (await app.Script.SendAs("auditor", new GetCase.Query(id))).Organisation;

        var suggestion = Paragraphs(await (await investigator.GetAsync($"/api/v1/cases/{id}/documents/Suggestion")).Content.ReadAsByteArrayAsync());
        Assert.Equal("江北省委网信办文件", suggestion[0].Text);
        Assert.StartsWith("网信问责建〔2026〕", suggestion[1].Text);
        Assert.Contains("问责建议", suggestion[2].Text);
        Assert.Contains("江北省委", suggestion[3].Text);
        var text = string.Join("\n", suggestion.Select(p => p.Text));
        foreach (var p in c.Suggestion!.Proposals)
            Assert.Contains($"{tree.Person(new PersonId(p.Subject.Id)).Name}（{tree.Person(new PersonId(p.Subject.Id)).Post}）：{string.Join("、", p.Forms.Select(f => f.Name().Zh))}", text);

        var report = Paragraphs(await (await investigator.GetAsync($"/api/v1/cases/{id}/documents/Report")).Content.ReadAsByteArrayAsync());
        Assert.StartsWith("问责调〔2026〕", report[1].Text);
        Assert.Contains("调查报告", report[2].Text);
        var reportText = string.Join("\n", report.Select(p => p.Text));
        Assert.Contains("investigator、investigator2", reportText);
        foreach (var person in c.PeopleHeldResponsible)
            Assert.Contains(tree.Person(person).Name, reportText);
        Assert.Equal("调查组组长：investigator", report[^2].Text);

        var stranger = await app.BearerAsync("caseofficer-anping");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/cases/{id}/documents/Report")).StatusCode);
    }

    [Fact]
    public async Task AppealAnswer_IsAddressedToTheAppellantAndTheirOrganisation_WithTheChange_AndRefusedWhilePending()
    {
        var id = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow(), title: "申诉处理决定书")).CaseId;
        await app.Script.RunToAsync(id, CaseStatus.Decided, DecidedOn);
        await app.Script.SendAs("partycommittee", new Investigation.Workflows.Features.Cases.RecordDelivery.Command(id, DecidedOn, "本人及其所在党组织"));
        var found = await app.Script.SendAs("auditor", new GetCase.Query(id));
        var appellant = found.Case.Decision!.Measures.First().Subject;
        var person = found.Organisation.Person(new PersonId(appellant.Id));
        await app.Script.SendAs("partycommittee", new LodgeAppeal.Command(id, appellant.Kind, appellant.Id, DecidedOn, "已及时补救。"));
        var committee = await app.BearerAsync("partycommittee");

        // While the appeal waits for its answer there is nothing to write: refused, with the reason.
        var pending = await committee.GetAsync($"/api/v1/cases/{id}/documents/AppealAnswer?appeal=1");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, pending.StatusCode);
        Assert.Contains("尚未处理", await pending.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await committee.GetAsync($"/api/v1/cases/{id}/documents/AppealAnswer?appeal=2")).StatusCode);

        await app.Script.SendAs("partycommittee", new Investigation.Workflows.Features.Tasks.DecideAppeal.Command(
            await app.Script.TaskAsync(id, Investigation.Workflows.Procedure.TaskKinds.AppealDecision, "partycommittee"), true,
            null, new Investigation.Workflows.Features.Tasks.GroundInput(appellant.Kind, appellant.Id, GroundKind.Exemption, "在决策实施中已经履职尽责。"),
            "经复查，改为免予问责。", DecidedOn));

        var response = await committee.GetAsync($"/api/v1/cases/{id}/documents/AppealAnswer?appeal=1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paragraphs = Paragraphs(await response.Content.ReadAsByteArrayAsync());
        var number = int.Parse(found.Case.Number.Split('-')[1]);
        Assert.Equal("江北省委文件", paragraphs[0].Text);
        Assert.Equal($"问责申〔2026〕{number}-1号", paragraphs[1].Text);
        Assert.Equal("申诉处理决定书", paragraphs[2].Text);
        Assert.Contains($"{person.Name}同志及其所在党组织", paragraphs[3].Text); // Article 20: the appellant and their organisation
        var body = string.Join("\n", paragraphs.Select(p => p.Text));
        Assert.Contains("已及时补救", body);
        Assert.Contains("改变原问责决定", body);
        Assert.Contains($"{person.Name}（{person.Post}）：免予问责。在决策实施中已经履职尽责。（《中国共产党问责条例》第十七条第一款）", body);
        Assert.Contains("第二十条", body);
        Assert.Contains("不停止原问责决定的执行", body);
        Assert.Equal("江北省委", paragraphs[^2].Text);
        // The only answered appeal needs no number, and the page links to it.
        Assert.Equal(HttpStatusCode.OK, (await committee.GetAsync($"/api/v1/cases/{id}/documents/AppealAnswer")).StatusCode);
        var page = await WebApp.PageAsync(await app.SignInAsync("partycommittee"), $"/Cases/Details/{id}");
        Assert.NotNull(page.QuerySelector("#appeals a[href*='document=AppealAnswer&appeal=1']"));
    }

    [Fact]
    public void TheFontTable_NamesTheFallbacks()
    {
        var doc = new OfficialDocument("机关", "字〔2026〕1号", "标题", "主送", [new("一、", ["正文"])], "机关", new DateOnly(2026, 1, 1));
        using var stream = new MemoryStream(doc.ToDocx());
        using var word = WordprocessingDocument.Open(stream, false);

        var fonts = word.MainDocumentPart!.FontTablePart!.Fonts!.Elements<Font>().ToDictionary(f => f.Name!.Value!, f => f.AltName!.Val!.Value!);
        Assert.Contains("仿宋", fonts["仿宋_GB2312"]);
        Assert.Contains("宋体", fonts["方正小标宋简体"]);
    }
}
