using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Investigation.Domain.Accountability;
using Investigation.Domain.Cases;
using Investigation.Web.Tests.Api;
using Investigation.Web.Tests.Support;
using Investigation.Workflows.Demo;
using Investigation.Workflows.Features.Cases;
using Investigation.Workflows.Procedure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Investigation.Web.Tests.Fuzz;

/// <summary>
/// Reads the OpenAPI document and sends a fixed corpus of malformed requests to every operation, as a
/// user allowed to act there: each field missing and null, wrong types, null list elements, undefined
/// enum values, extreme dates and numbers, oversized strings, deep nesting, invalid UTF-8, empty and
/// null bodies. Every answer must be a 4xx ProblemDetails (a 400 naming the field, in the caller's
/// language), and nothing may change: cases, tasks, audit entries and timers are counted before and after.
/// Last, each operation's valid body is sent and accepted, so the corpus is malformed only where it says.
/// </summary>
public sealed class MalformedApiRequestsFuzzTests(WebApp app, ITestOutputHelper output) : IClassFixture<WebApp>
{
    /// <summary>Longer than any text field's limit, shorter than the request body cap.</summary>
    private const int Oversized = 120_000;

    /// <param name="OnCase">The operation's {id} is a case (taken to <paramref name="Stage"/> and then <paramref name="Then"/>), not a task.</param>
    /// <param name="Then">After the decision (which then includes organisational adjustment): how far its execution has gone.</param>
    private sealed record Target(string User, string? TaskKind, Func<Setup, JsonObject> ValidBody, CaseStatus? Stage = null,
        Execution Then = Execution.None, bool OnCase = false);

    private enum Execution { None, Delivered, AppealLodged }

    private sealed class Setup
    {
        public required DateTimeOffset Now { get; init; }
        public Dictionary<string, Guid> Tasks { get; } = [];
        public Dictionary<string, Guid> Cases { get; } = [];
        public DateOnly ChinaToday => TimeLimits.ChinaDate(Now);
        public Dictionary<string, List<Guid>> Held { get; } = [];
        public string RefreshToken { get; set; } = "";
    }

    private static JsonArray Ids(IEnumerable<Guid> ids) => new(ids.Select(i => (JsonNode)JsonValue.Create(i)).ToArray());

    /// <summary>For each operation with a body: who sends it, on which task, and a body the use case accepts.</summary>
    private static readonly Dictionary<string, Target> Targets = new()
    {
        ["IssueToken"] = new("", null, _ => new() { ["userName"] = "caseofficer", ["password"] = WebApp.Password }),
        ["RefreshToken"] = new("", null, s => new() { ["refreshToken"] = s.RefreshToken }),
        ["RegisterIncident"] = new("caseofficer", null, s => new()
        {
            ["unitId"] = DemoOrganisation.ProvincialGovernmentOffice.Value,
            ["title"] = "模糊测试登记",
            ["description"] = "门户网站被篡改并瘫痪。",
            ["occurredAt"] = s.Now.AddHours(-10),
            ["facts"] = new JsonObject
            {
                ["portalTampering"] = new JsonObject
                {
                    ["site"] = "PartyOrGovernmentPortal", ["attackedAndTampered"] = true, ["harmfulInformationSpreadWidely"] = true,
                    ["reportedInTime"] = false, ["disposalOrganisedInTime"] = false,
                },
                ["portalParalysis"] = new JsonObject
                {
                    ["site"] = "PartyOrGovernmentPortal", ["siteLevel"] = "Provincial", ["attacked"] = true, ["disposalOrganisedInTime"] = false,
                    ["downAt"] = s.Now.AddHours(-9), ["restoredAt"] = s.Now.AddHours(-1),
                },
                ["dataLeak"] = new JsonObject
                {
                    ["stateSecretsLeaked"] = false, ["largeScalePersonalInformationLeaked"] = true, ["largeAmountOfNationalBasicDataLeaked"] = false,
                    ["personalRecordsLeaked"] = 120_000,
                },
                ["criticalInfrastructure"] = new JsonObject
                {
                    ["isCriticalInformationInfrastructure"] = true, ["attacked"] = true, ["handledInTime"] = false,
                    ["largeScaleImpactOnPublic"] = true, ["majorEconomicLoss"] = false, ["seriousAdverseSocialImpact"] = false,
                },
                ["concealment"] = new JsonObject
                {
                    ["blockedOrConcealed"] = true, ["refusedToCooperate"] = false, ["notifiedProblemsNotRectifiedInTime"] = false, ["seriousConsequences"] = true,
                },
                ["obstruction"] = new JsonObject { ["obstructedSecurityOrgans"] = false, ["refusedSupport"] = true },
                ["otherSeriousAct"] = new JsonObject { ["description"] = "拒不整改。", ["seriouslyEndangersCybersecurity"] = true },
            },
            ["dutiesFailed"] = new JsonArray("ProtectionAndIncidentHandling"),
            ["evidence"] = new JsonArray("网站访问日志", "值班记录"),
        }),
        ["ReassignTask"] = new("admin", TaskKinds.Acceptance, _ => new() { ["toUser"] = "caseofficer", ["reason"] = "人手调整" }),
        ["ChangeDueDate"] = new("admin", TaskKinds.Acceptance, s => new() { ["dueAt"] = s.Now.AddDays(3), ["reason"] = "等待材料" }),
        ["CompleteAcceptance"] = new("caseofficer", TaskKinds.Acceptance, _ => new()
        {
            ["accept"] = true, ["leadInvestigator"] = "investigator", ["members"] = new JsonArray("investigator2"),
        }),
        ["RecordFindings"] = new("investigator", TaskKinds.PartyConcernedFindings, _ => new()
        {
            ["findings"] = new JsonArray(new JsonObject
            {
                ["personId"] = CaseScript.Operator.Value, ["responsible"] = true, ["facts"] = "未落实值班报告制度。",
                ["evidence"] = new JsonArray("询问笔录"), ["dutyFailed"] = "ProtectionAndIncidentHandling",
            }),
        }, CaseStatus.Investigating),
        ["AssessCoordination"] = new("investigator", TaskKinds.CoordinationAssessment, _ => new()
        {
            ["coordinationIneffective"] = false, ["supervisionIneffective"] = false, ["reason"] = "已按规定通报。",
        }, CaseStatus.Investigating),
        ["DetermineResponsibility"] = new("investigator", TaskKinds.ResponsibilityDetermination, _ => new()
        {
            ["decision"] = new JsonObject
            {
                ["collective"] = true,
                ["participants"] = Ids([CaseScript.MainLead.Value, CaseScript.SecurityLead.Value, CaseScript.Member.Value]),
                ["dissenters"] = Ids([CaseScript.Member.Value]),
                ["description"] = "党组会议决定推迟安全加固项目。",
            },
            ["overrides"] = new JsonArray(new JsonObject
            {
                ["personId"] = CaseScript.MainLead.Value, ["kind"] = "ImportantLeadership", ["reason"] = "会前已提出异议意见的书面记录。",
            }),
        }, CaseStatus.DeterminingResponsibility),
        ["RecordHearing"] = new("investigator", TaskKinds.Hearing, s => new()
        {
            ["statements"] = new JsonArray(s.Held["RecordHearing"].Select(p => (JsonNode)new JsonObject
            {
                ["personId"] = p, ["statement"] = "对认定的事实无异议。", ["defence"] = "请求从轻。", ["declined"] = false,
            }).ToArray()),
        }, CaseStatus.Hearing),
        ["SubmitSuggestion"] = new("caseofficer", TaskKinds.AccountabilitySuggestion, s => new()
        {
            ["proposals"] = new JsonArray(s.Held["SubmitSuggestion"].Select(p => (JsonNode)new JsonObject
            {
                ["target"] = "Cadre", ["subjectId"] = p, ["forms"] = new JsonArray("Admonishment"), ["reason"] = "未正确履行网络安全责任。",
            }).ToArray()),
        }, CaseStatus.DraftingSuggestion),
        ["ReviewCase"] = new("disciplinereviewer", TaskKinds.DisciplineReview, _ => new()
        {
            ["decision"] = "Return", ["reason"] = "第一层级事实不清。", ["levels"] = new JsonArray("PartyConcerned"),
        }, CaseStatus.UnderReview),
        ["ApproveReview"] = new("disciplineapprover", TaskKinds.ReviewApproval, _ => new() { ["approve"] = true, ["reason"] = "同意。" },
            CaseStatus.AwaitingApproval),
        ["RecordDecision"] = new("partycommittee", TaskKinds.Decision, s => new()
        {
            ["measures"] = new JsonArray(s.Held["RecordDecision"].Select(p => (JsonNode)new JsonObject
            {
                ["target"] = "Cadre", ["subjectId"] = p, ["forms"] = new JsonArray("Admonishment"), ["reason"] = "经研究决定。",
            }).ToArray()),
            ["decidedOn"] = DateOnly.FromDateTime(s.Now.UtcDateTime).ToString("yyyy-MM-dd"),
            ["announcement"] = "已在常委会议上宣布。",
        }, CaseStatus.AwaitingDecision),
        ["RecordInvestigationReport"] = new("investigator", null, s => new()
        {
            ["facts"] = "值班人员未及时报告。", ["conclusion"] = "建议依规问责。", ["participants"] = new JsonArray("investigator", "investigator2"),
            ["discussionConclusion"] = "一致同意本调查报告。", ["discussedOn"] = s.ChinaToday.ToString("yyyy-MM-dd"),
        }, CaseStatus.DraftingSuggestion, OnCase: true),
        ["RecordDelivery"] = new("partycommittee", null, s => new() { ["deliveredOn"] = s.ChinaToday.ToString("yyyy-MM-dd"), ["recipients"] = "本人及其所在党组织" },
            CaseStatus.Decided, OnCase: true),
        ["LodgeAppeal"] = new("partycommittee", null, s => new()
        {
            ["target"] = "Cadre", ["subjectId"] = s.Held["LodgeAppeal"][0], ["lodgedOn"] = s.ChinaToday.ToString("yyyy-MM-dd"), ["grounds"] = "认定事实有误，请求改为通报。",
        }, CaseStatus.Decided, Execution.Delivered, OnCase: true),
        ["CompleteOrganisationalAdjustment"] = new("cadremanagement", TaskKinds.OrganisationalAdjustment, s => new()
        {
            ["completedOn"] = s.ChinaToday.ToString("yyyy-MM-dd"), ["note"] = "已办理免职手续。",
        }, CaseStatus.Decided, Execution.Delivered),
        ["DecideAppeal"] = new("partycommittee", TaskKinds.AppealDecision, s => new()
        {
            ["change"] = true, ["answer"] = "部分采纳，改为通报。", ["decidedOn"] = s.ChinaToday.ToString("yyyy-MM-dd"),
            ["replacement"] = new JsonObject
            {
                ["target"] = "Cadre", ["subjectId"] = s.Held["DecideAppeal"][0], ["forms"] = new JsonArray("CirculatedCriticism"), ["reason"] = "申诉后改为通报。",
            },
        }, CaseStatus.Decided, Execution.AppealLodged),
        ["AcknowledgeResult"] = new("cadremanagement", TaskKinds.Acknowledgement, _ => new() { ["note"] = "已归入干部档案。" }, CaseStatus.Decided),
    };

    /// <summary>Users who chose English for themselves; the others keep Chinese, the default.</summary>
    private static readonly string[] EnglishUsers = ["investigator", "disciplinereviewer"];

    private sealed record Probe(string Operation, string Kind, string? Field, string Language, HttpContent Content);

    [Fact]
    public async Task EveryEndpoint_RefusesEveryMalformedRequest_WithFieldErrors_AndChangesNothing()
    {
        // Outside Development the document is for signed-in users only.
        var document = await (await app.SignInAsync("caseofficer")).GetJsonAsync("/api/v1/openapi.json");
        var setup = await PrepareAsync();
        var clients = new Dictionary<string, HttpClient> { [""] = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false }) };
        foreach (var user in Targets.Values.Select(t => t.User).Where(u => u != "").Distinct()) clients[user] = await app.BearerAsync(user);

        var before = await StateAsync();
        var failures = new List<string>();
        var sent = 0;
        var operations = document["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Select(o => (Path: p.Key, Method: o.Key, Operation: o.Value!)))
            .ToList();
        foreach (var (path, method, operation) in operations)
        {
            var id = operation["operationId"]!.GetValue<string>();
            if (operation["requestBody"]?["content"]?["application/json"]?["schema"] is { } bodySchema)
            {
                Assert.True(Targets.TryGetValue(id, out var target), $"The corpus has no valid body for {id}: add one.");
                var url = UrlOf(path, id, target!, setup);
                var valid = target!.ValidBody(setup);
                foreach (var probe in ProbesOf(id, valid, bodySchema, document))
                {
                    sent++;
                    var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), url) { Content = probe.Content };
                    request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(probe.Language));
                    var response = await clients[target.User].SendAsync(request);
                    // A signed-in user's own language choice comes before the browser's.
                    var problem = await CheckAsync(response, EnglishUsers.Contains(target.User) ? probe with { Language = "en" }
                        : target.User != "" ? probe with { Language = "zh-CN" } : probe);
                    if (problem is not null) failures.Add(problem);
                }
            }
            else if (operation["parameters"] is JsonArray parameters && parameters.Any(p => p!["in"]!.GetValue<string>() == "query"))
            {
                foreach (var (name, value, expectField) in QueryProbes(parameters, document))
                {
                    sent++;
                    var request = new HttpRequestMessage(HttpMethod.Get, $"{path}?{name}={Uri.EscapeDataString(value)}");
                    request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(sent % 2 == 0 ? "zh-CN" : "en"));
                    var response = await clients["investigator"].SendAsync(request);
                    var probe = new Probe(id, $"query {value[..Math.Min(20, value.Length)]}", expectField ? name : null, "en", new StringContent(""));
                    if ((int)response.StatusCode >= 500)
                        failures.Add($"{id} {name}={value[..Math.Min(20, value.Length)]}: {(int)response.StatusCode}");
                    else if (expectField && await CheckAsync(response, probe) is { } problem)
                        failures.Add(problem);
                }
            }
        }
        var after = await StateAsync();

        foreach (var line in failures.GroupBy(f => f.Split(' ')[0]).Select(g => $"{g.Key}: {g.Count()} failures, e.g. {g.First()}"))
            output.WriteLine(line);
        output.WriteLine($"{sent} malformed requests, {failures.Count} failures.");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} malformed requests were not refused properly:\n" + string.Join("\n", failures.Take(60)));
        Assert.Equal(before, after);

        // The corpus's valid bodies are accepted: each probe above was malformed only where it said.
        foreach (var (path, method, operation) in operations.Where(o => o.Operation["requestBody"] is not null).OrderBy(o => o.Operation["operationId"]!.GetValue<string>() switch
                 {
                     "ReassignTask" => 0, "ChangeDueDate" => 1, "RefreshToken" => 3, _ => 2,
                 }))
        {
            var id = operation["operationId"]!.GetValue<string>();
            var target = Targets[id];
            var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), UrlOf(path, id, target, setup))
            {
                Content = new StringContent(target.ValidBody(setup).ToJsonString(), Encoding.UTF8, "application/json"),
            };
            var response = await clients[target.User].SendAsync(request);
            Assert.True(response.IsSuccessStatusCode, $"The valid body of {id} was refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static string UrlOf(string path, string operation, Target target, Setup setup) =>
        target.TaskKind is { } kind ? path.Replace("{id}", setup.Tasks[kind].ToString())
        : target.OnCase ? path.Replace("{id}", setup.Cases[operation].ToString())
        : path;

    /// <summary>
    /// One case per kind of task and one per case-scoped operation, each taken to where its operation is open; the people a case
    /// holds responsible; a refresh token.
    /// </summary>
    private async Task<Setup> PrepareAsync()
    {
        var setup = new Setup { Now = app.Clock.GetUtcNow() };
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<Investigation.Workflows.Data.InvestigationDbContext>().Users
                .Where(u => EnglishUsers.Contains(u.UserName!)).ExecuteUpdateAsync(u => u.SetProperty(x => x.Culture, "en"));
        var today = DateOnly.FromDateTime(setup.Now.UtcDateTime);
        foreach (var (operation, target) in Targets.Where(t => t.Value.TaskKind is not null || t.Value.OnCase))
        {
            if (target.TaskKind is { } kind && setup.Tasks.ContainsKey(kind)) continue;
            var caseId = (await app.Script.RegisterPortalOutageAsync(setup.Now, title: $"模糊测试 {operation}")).CaseId;
            if (target.Stage == CaseStatus.Decided)
            {
                await app.Script.RunToAsync(caseId, CaseStatus.AwaitingDecision, today);
                await app.Script.DecideWithAdjustmentAsync(caseId, today);
            }
            else await app.Script.RunToAsync(caseId, target.Stage ?? CaseStatus.Registered, today);
            // The suggestion waits for the team's report (Article 11); the report's own operation needs a case without one.
            if (target.Stage == CaseStatus.DraftingSuggestion && !target.OnCase) await app.Script.ReportAsync(caseId, today);
            if (target.Then >= Execution.Delivered)
                await app.Script.SendAs("partycommittee", new RecordDelivery.Command(caseId, setup.ChinaToday, "本人及其所在党组织"));
            if (target.Stage is not null)
                setup.Held[operation] = (await app.Script.SendAs("auditor", new GetCase.Query(caseId))).Case.PeopleHeldResponsible.Select(p => p.Value).ToList();
            if (target.Then == Execution.AppealLodged)
                await app.Script.SendAs("partycommittee", new LodgeAppeal.Command(caseId, TargetKind.Cadre, setup.Held[operation][0], setup.ChinaToday, "请求改为通报。"));
            if (target.TaskKind is { } k)
                setup.Tasks[k] = await app.Script.TaskAsync(caseId, k, target.User == "admin" ? "caseofficer" : target.User);
            else setup.Cases[operation] = caseId;
        }
        setup.RefreshToken = (await ApiClient.TokenAsync(app, "auditor"))["refreshToken"]!.GetValue<string>();
        return setup;
    }

    /// <summary>What must not change: cases, tasks (status, assignee, due date, version), audit entries, timers, workflows, outages, notifications.</summary>
    private async Task<string> StateAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Investigation.Workflows.Data.InvestigationDbContext>();
        var cases = await db.Cases.OrderBy(c => c.Id).Select(c => c.Id + ":" + c.Version + ":" + c.Status).ToListAsync();
        var tasks = (await db.HumanTasks.Select(t => new { t.Id, t.Status, t.AssigneeId, t.DueAt, t.Version }).ToListAsync())
            .OrderBy(t => t.Id).Select(t => $"{t.Id}:{t.Status}:{t.AssigneeId}:{t.DueAt:O}:{t.Version}");
        return string.Join("\n", cases.Concat(tasks).Append($"audit={await db.AuditEntries.CountAsync()}")
            .Append($"bookmarks={await db.Bookmarks.CountAsync()}").Append($"instances={await db.WorkflowInstances.CountAsync()}")
            .Append($"changes={await db.DueDateChanges.CountAsync()}").Append($"outages={await db.Outages.CountAsync()}")
            .Append($"notifications={await db.Notifications.CountAsync()}").Append($"users={await db.Users.CountAsync()}"));
    }

    // ---- The corpus

    private static IEnumerable<Probe> ProbesOf(string operation, JsonObject valid, JsonNode schema, JsonNode document)
    {
        var n = 0;
        string Language() => n++ % 2 == 0 ? "zh-CN" : "en";
        HttpContent Json(JsonNode? body) => new StringContent(body?.ToJsonString() ?? "null", Encoding.UTF8, "application/json");

        // The body as a whole.
        yield return new(operation, "empty body", null, Language(), new StringContent("", Encoding.UTF8, "application/json"));
        yield return new(operation, "null body", null, Language(), Json(null));
        yield return new(operation, "array body", null, Language(), Json(new JsonArray()));
        yield return new(operation, "number body", null, Language(), Json(42));
        yield return new(operation, "truncated JSON", null, Language(), new StringContent(valid.ToJsonString()[..^1], Encoding.UTF8, "application/json"));
        yield return new(operation, "deep nesting", null, Language(), new StringContent(new string('[', 5000) + new string(']', 5000), Encoding.UTF8, "application/json"));
        var utf8 = Encoding.UTF8.GetBytes(valid.ToJsonString());
        var quote = Array.IndexOf(utf8, (byte)':') + 2; // inside the first string value (or just after the first colon)
        var broken = utf8.Take(quote).Concat(new byte[] { 0xC3, 0x28, 0xFF, 0xFE }).Concat(utf8.Skip(quote)).ToArray();
        yield return new(operation, "invalid UTF-8", null, Language(), new ByteArrayContent(broken) { Headers = { ContentType = new("application/json") { CharSet = "utf-8" } } });
        // Larger than the body cap: refused before it is read.
        var huge = valid.DeepClone().AsObject();
        huge["padding"] = new string('x', 3 * 1024 * 1024);
        yield return new(operation, "body over the cap", null, Language(), Json(huge));

        foreach (var (path, mutated, kind) in Mutations(valid, Resolve(schema, document), "", document))
            yield return new(operation, kind, path, Language(), Json(mutated));
    }

    /// <summary>Each property of the valid body, changed one at a time, with the field the answer must name.</summary>
    private static IEnumerable<(string Path, JsonNode Body, string Kind)> Mutations(JsonNode valid, JsonNode schema, string prefix, JsonNode document)
    {
        if (valid is not JsonObject obj) yield break;
        var required = schema["required"]?.AsArray().Select(r => r!.GetValue<string>()).ToHashSet() ?? [];
        foreach (var (name, value) in obj.ToList())
        {
            var path = prefix == "" ? name : $"{prefix}.{name}";
            var propertySchema = schema["properties"]?[name] is { } p ? p : new JsonObject();
            var nullable = Nullable(propertySchema, document);
            var resolved = Resolve(propertySchema, document);

            JsonNode With(JsonNode? replacement)
            {
                var copy = obj.DeepClone().AsObject();
                copy[name] = replacement;
                return copy;
            }

            if (required.Contains(name))
            {
                var copy = obj.DeepClone().AsObject();
                copy.Remove(name);
                yield return (path, copy, "missing");
            }
            if (required.Contains(name) || !nullable) yield return (path, With(null), "null");

            switch (value)
            {
                case JsonObject:
                    yield return (path, With("text"), "wrong type");
                    foreach (var (inner, body, kind) in Mutations(value, resolved, path, document))
                        yield return (inner, With(body), kind);
                    break;
                case JsonArray array:
                    yield return (path, With(new JsonObject { ["a"] = 1 }), "wrong type");
                    yield return (path, With(new JsonArray((JsonNode?)null)), "null element");
                    yield return ($"{path}[0]", With(new JsonArray(new JsonArray(new JsonArray(new JsonArray()))) ), "nested arrays");
                    if (array.Count > 0 && resolved["items"] is { } items)
                    {
                        var itemSchema = Resolve(items, document);
                        foreach (var (inner, element, kind) in Mutations(array[0]!, itemSchema, $"{path}[0]", document))
                        {
                            var copy = array.DeepClone().AsArray();
                            copy[0] = element;
                            yield return (inner, With(copy), kind);
                        }
                        if (array[0] is JsonValue v)
                            foreach (var (bad, kind) in ValueMutations(v, itemSchema))
                            {
                                var copy = array.DeepClone().AsArray();
                                copy[0] = bad;
                                yield return ($"{path}[0]", With(copy), kind);
                            }
                    }
                    break;
                case JsonValue v:
                    foreach (var (bad, kind) in ValueMutations(v, resolved))
                        yield return (path, With(bad), kind);
                    break;
            }
        }
    }

    private static IEnumerable<(JsonNode? Value, string Kind)> ValueMutations(JsonValue value, JsonNode schema)
    {
        var format = schema["format"]?.GetValue<string>();
        if (value.TryGetValue<bool>(out _))
        {
            yield return ("yes", "wrong type");
            yield return (1, "wrong type");
        }
        else if (value.TryGetValue<string>(out _))
        {
            yield return (12345, "wrong type");
            yield return (new JsonArray("text"), "wrong type");
            if (schema["enum"] is not null)
            {
                yield return ("NoSuchValue", "undefined enum");
                yield return (99, "enum as number");
            }
            else if (format is "date-time")
            {
                yield return ("0001-01-01T00:00:00+00:00", "minimum date");
                yield return ("9999-12-31T23:59:59+00:00", "maximum date");
                yield return ("yesterday", "unreadable date");
            }
            else if (format is "date")
            {
                yield return ("0001-01-01", "minimum date");
                yield return ("9999-12-31", "maximum date");
                yield return ("2026-02-30", "unreadable date");
            }
            else if (format is "uuid")
                yield return ("not-a-guid", "unreadable id");
            else
                yield return (new string('长', Oversized), "oversized");
        }
        else if (value.TryGetValue<long>(out _))
        {
            yield return ("120000", "wrong type");
            yield return (-1, "negative number");
            yield return (JsonNode.Parse("1e40"), "number out of range");
        }
    }

    private static IEnumerable<(string Name, string Value, bool ExpectField)> QueryProbes(JsonArray parameters, JsonNode document)
    {
        foreach (var parameter in parameters.Where(p => p!["in"]!.GetValue<string>() == "query"))
        {
            var name = parameter!["name"]!.GetValue<string>();
            var schema = Resolve(parameter["schema"]!, document);
            var type = TypeOf(schema);
            var format = schema["format"]?.GetValue<string>();
            if (schema["enum"] is not null)
            {
                yield return (name, "NoSuchValue", true);
                yield return (name, "99", true);
            }
            else if (type is "integer")
            {
                yield return (name, "abc", true);
                yield return (name, "99999999999999999999", true);
                // Out of range is refused, not clamped into range (a page from 1, a page size from 1 to its limit).
                yield return (name, "-1", true);
                yield return (name, "0", true);
            }
            else if (format is "uuid") yield return (name, "not-a-guid", true);
            else if (format is "date-time")
            {
                yield return (name, "yesterday", true);
                yield return (name, "0001-01-01T00:00:00Z", false);
                yield return (name, "9999-12-31T23:59:59Z", false);
            }
            else yield return (name, new string('长', 5_000), false);
        }
    }

    // ---- Schemas (OpenAPI 3.1: nullable types are a type list, or a oneOf/anyOf with null)

    private static JsonNode Resolve(JsonNode schema, JsonNode document)
    {
        for (var i = 0; i < 10; i++)
        {
            if (schema["$ref"]?.GetValue<string>() is { } reference)
                schema = document["components"]!["schemas"]![reference.Split('/')[^1]]!;
            else if ((schema["oneOf"] ?? schema["anyOf"]) is JsonArray options)
                schema = options.First(o => TypeOf(o!) != "null")!;
            else return schema;
        }
        return schema;
    }

    private static bool Nullable(JsonNode schema, JsonNode document)
    {
        if (schema["nullable"]?.GetValue<bool>() == true) return true;
        if (schema["type"] is JsonArray types && types.Any(t => t!.GetValue<string>() == "null")) return true;
        if ((schema["oneOf"] ?? schema["anyOf"]) is JsonArray options && options.Any(o => TypeOf(o!) == "null" || Nullable(o!, document))) return true;
        return false;
    }

    private static string? TypeOf(JsonNode schema) => schema["type"] switch
    {
        JsonArray types => types.Select(t => t!.GetValue<string>()).FirstOrDefault(t => t != "null") ?? "null",
        JsonValue type => type.GetValue<string>(),
        _ => null,
    };

    // ---- What each answer must be

    private static async Task<string?> CheckAsync(HttpResponseMessage response, Probe probe)
    {
        var what = $"{probe.Operation} {probe.Kind}{(probe.Field is null ? "" : $" {probe.Field}")}";
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();
        string Excerpt() => body.Length > 300 ? body[..300] : body;
        if (status >= 500) return $"{what}: {status} {Excerpt()}";
        if (status < 400) return $"{what}: accepted ({status})";
        if (!ApiClient.IsProblem(response)) return $"{what}: {status} without ProblemDetails: {Excerpt()}";
        if (status != 400) return null; // 401/403/404/409/413/422 are refusals with a title; the body was read, nothing written
        var json = JsonNode.Parse(body)!;
        if (json["errors"] is not JsonObject errors || errors.Count == 0) return $"{what}: 400 without field errors: {Excerpt()}";
        var messages = errors.SelectMany(e => e.Value!.AsArray().Select(m => m!.GetValue<string>())).Append(json["title"]?.GetValue<string>() ?? "").ToList();
        if (messages.Any(m => m.Contains("System.") || m.Contains("JSON value could not be converted") || m.Contains("Path: $")))
            return $"{what}: a message names .NET types or JSON internals: {Excerpt()}";
        var chinese = messages.Any(m => m.Any(c => c is >= '\u4e00' and <= '\u9fff'));
        if (probe.Language.StartsWith("zh") && !chinese) return $"{what}: no Chinese message for a Chinese request: {Excerpt()}";
        if (probe.Language == "en" && messages.All(m => m.Count(c => c is >= '\u4e00' and <= '\u9fff') > m.Length / 2)) return $"{what}: no English message for an English request: {Excerpt()}";
        if (probe.Field is { } field)
        {
            var expected = Pascal(field);
            if (!errors.Any(e => e.Key.Equals(expected, StringComparison.OrdinalIgnoreCase)
                                 || e.Key.StartsWith(expected + ".", StringComparison.OrdinalIgnoreCase)
                                 || e.Key.StartsWith(expected + "[", StringComparison.OrdinalIgnoreCase)))
                return $"{what}: no error for {expected}, only {string.Join(", ", errors.Select(e => e.Key))}";
        }
        return null;
    }

    /// <summary>"facts.portalParalysis.downAt" as the validators name it: "Facts.PortalParalysis.DownAt".</summary>
    private static string Pascal(string path) =>
        string.Join(".", path.Split('.').Select(s => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..]));
}
