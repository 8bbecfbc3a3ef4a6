using System.Globalization;
using Investigation.Domain;
using Investigation.Domain.Incidents;
using Investigation.Workflows.Data;
using Investigation.Workflows.Data.Entities;
using Investigation.Workflows.Deadlines;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Notifications;
using Investigation.Workflows.Runtime;
using Investigation.Workflows.Runtime.Activities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Investigation.Workflows.Procedure;

/// <summary>
/// The outage watch of Article 8 (2) (version 1): wait for whichever comes first, the outage reaching
/// 6 hours (a timer at down + 6 h: 以上 includes 6 hours) or its restoration being recorded. At 6 hours,
/// circumstance (2) is flagged on the outage and a case is proposed to the office, with the facts for
/// the registration form; a restoration recorded first ends the watch, unless it shows the outage had
/// lasted 6 hours anyway.
/// </summary>
public static class OutageWatchWorkflow
{
    public const string Name = "outage-watch";

    /// <summary>The bookmark that recording the restoration resumes (key: the outage id).</summary>
    public const string Restored = "OutageRestored";

    public static class Outcomes
    {
        public const string ThresholdReached = nameof(ThresholdReached);
        public const string Restored = nameof(Restored);
    }

    public sealed record Input(Guid OutageId, DateTimeOffset ThresholdAt);

    public static WorkflowDefinition Version1() => new WorkflowBuilder(Name, 1)
        .Add(new Watch("watch"))
        .Add(new Code("propose", (Func<ActivityContext, ValueTask>)ProposeAsync))
        .Add(new Finish("end"))
        .StartWith("watch")
        .Connect("watch", Outcomes.ThresholdReached, "propose")
        .Connect("watch", Outcomes.Restored, "end")
        .Connect("propose", "end")
        .Build();

    /// <summary>Waits on the six-hour timer and on the restoration together; the first to come decides.</summary>
    private sealed class Watch(string id) : Activity(id)
    {
        public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
        {
            var input = context.Get<Input>(nameof(Input))!;
            context.CreateBookmark(BookmarkNames.Timer, TimerActivity.KeyFor(context.InstanceId, Id), input.ThresholdAt);
            context.CreateBookmark(Restored, input.OutageId.ToString());
            return ValueTask.FromResult(ActivityResult.Block);
        }

        public override async ValueTask<ActivityResult> ResumeAsync(ActivityContext context, Stimulus stimulus)
        {
            if (stimulus.BookmarkName == BookmarkNames.Timer) return ActivityResult.Complete(Outcomes.ThresholdReached);
            // Restoration recorded late (the timer had not fired yet) can still show 6 hours or more.
            var outage = await OutageAsync(context);
            return ActivityResult.Complete(outage.RestoredAt - outage.DownAt >= PortalParalysisFacts.Threshold ? Outcomes.ThresholdReached : Outcomes.Restored);
        }
    }

    private static async Task<Outage> OutageAsync(ActivityContext context)
    {
        var input = context.Get<Input>(nameof(Input))!;
        return await context.Db.Set<Outage>().FindAsync([input.OutageId], context.CancellationToken)
            ?? throw new InvalidOperationException($"Outage {input.OutageId} of outage watch {context.InstanceId} does not exist.");
    }

    /// <summary>Flags circumstance (2) on the outage and proposes a case to the office of the site's unit, and to whoever registered it.</summary>
    private static async ValueTask ProposeAsync(ActivityContext context)
    {
        var services = context.Services ?? throw new InvalidOperationException("The outage watch needs the application's services.");
        var outage = await OutageAsync(context);
        outage.ThresholdReachedAt ??= context.Now;
        outage.Version++;

        var db = services.GetRequiredService<InvestigationDbContext>();
        var tree = await services.GetRequiredService<OrganisationStore>().GetAsync(db, context.CancellationToken);
        var unit = new UnitId(outage.UnitId);
        var name = tree.Contains(unit) ? tree.Unit(unit).Name : outage.UnitId.ToString();
        var officers = await services.GetRequiredService<Recipients>().NearestAsync(Roles.CaseOfficer, unit, context.CancellationToken);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(services.GetRequiredService<IOptions<TaskDeadlines>>().Value.TimeZone);
        string At(DateTimeOffset t) => TimeZoneInfo.ConvertTime(t, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var until = outage.RestoredAt is { } r ? $"{At(r)}恢复" : $"截至{At(context.Now)}仍未恢复";
        var untilEn = outage.RestoredAt is { } r2 ? $"restored at {At(r2)}" : $"still down at {At(context.Now)}";

        await services.GetRequiredService<Notifier>().NotifyAsync([.. officers?.Users ?? [], outage.RegisteredBy], new Message(
            NotificationKind.OutageThresholdReached,
            new($"第八条第二款第（二）项：{name}网站瘫痪已达6小时，建议立案", $"Article 8(2), item (2): {name}'s site down for 6 hours — a case is proposed"),
            new($"{name}（{outage.SiteAddress}）自{At(outage.DownAt)}起无法访问，{until}，已达6小时以上。登记页面已填入这些事实，请核实是否系遭受攻击、是否及时组织处置，再行登记。",
                $"{name} ({outage.SiteAddress}) has been down since {At(outage.DownAt)}, {untilEn}: 6 hours or more. The registration form has these facts filled in; check whether it was attacked and whether disposal was organised in time, then register."),
            $"/Cases/Register?outage={outage.Id}") { OutageId = outage.Id }, context.CancellationToken);
    }
}
