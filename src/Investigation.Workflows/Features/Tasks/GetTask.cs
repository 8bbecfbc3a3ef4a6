using Investigation.Domain;
using Investigation.Domain.Cases;
using Investigation.Domain.Organisation;
using Investigation.Domain.TraceBack;
using Investigation.Workflows.Data;
using Investigation.Workflows.Deadlines;
using Investigation.Workflows.Features.Cases;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Procedure;
using Investigation.Workflows.Runtime.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Unit = Investigation.Domain.Organisation.Unit;

namespace Investigation.Workflows.Features.Tasks;

/// <summary>
/// One task as its page shows it: the row, its kind, whether the actor can work it (and if not, why),
/// its case with the context a person needs beside the form, and the choices the form offers.
/// A task of a unit the actor may not see is "not found".
/// </summary>
public static class GetTask
{
    public sealed record Query(Guid TaskId) : IRequest<Result>;

    public sealed record Investigator(string UserName, string DisplayName);

    /// <summary>The heads the coordination assessment would trace (Article 8), and who supervises the unit (Article 4).</summary>
    public sealed record CoordinationChoices(Unit? CoordinatingDepartment, Person? CoordinatingHead, SupervisingDepartment Supervising, Person? SupervisingHead);

    public sealed record Result(
        GetCase.TaskRow Task,
        TaskKinds.Info Info,
        TraceBackLevel? Level,
        TaskRefusal Refusal,
        int DaysAllowed,
        DayCounting Counting,
        bool Overdue,
        Case Case,
        string UnitName,
        IReadOnlyDictionary<PersonId, Person> People,
        OrganisationTree Organisation,
        // What the form offers, by kind; empty where the kind does not need it.
        IReadOnlyList<Investigator> Investigators,
        IReadOnlyList<Person> Subjects,
        LeadershipTeam? Leadership,
        CoordinationChoices? Coordination,
        // Whether the actor may move the due date (ChangeDueDate), and every change so far, oldest first.
        bool CanChangeDue,
        IReadOnlyList<ChangeDueDate.Change> DueChanges)
    {
        public bool CanWork => Refusal == TaskRefusal.None;
        public string PersonName(PersonId id) => People.TryGetValue(id, out var p) ? p.Name : id.ToString();
    }

    public sealed class Handler(InvestigationDbContext db, Access access, IOptions<TaskDeadlines> deadlines, TimeProvider clock) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken ct)
        {
            var task = await TaskStep.FindVisibleAsync(db, access, query.TaskId, ct);
            var caseId = Guid.TryParse(task.CorrelationId, out var id) ? id : Guid.Empty;
            var c = (await access.CaseAsync(caseId, ct, tracking: false)).ToCase();
            var tree = await access.OrganisationAsync(ct);
            var info = TaskKinds.Of(task.Kind);
            var level = TaskKinds.LevelOf(task.Kind);
            var people = tree.PeopleById;
            var unit = tree.Contains(c.UnitId) ? tree.Unit(c.UnitId) : null;

            var row = new GetCase.TaskRow(task.Id, task.Kind, task.Title, task.Status, task.CandidateRole, task.AssigneeId,
                task.CreatedAt, task.DueAt, task.CompletedAt, task.CompletedBy, task.Outcome);
            return new(row, info, level, TaskStep.RefusalOf(task, access.Actor, c), deadlines.Value.DaysFor(task.Kind), deadlines.Value.CountingFor(task.Kind),
                task.Status == HumanTaskStatus.Open && task.DueAt < clock.GetUtcNow(), c, unit?.Name ?? "", people, tree,
                task.Kind == TaskKinds.Acceptance ? await InvestigatorsAsync(tree, c.UnitId, ct) : [],
                SubjectsOf(task.Kind, level, c, tree),
                // The team the case traced (on its incident's date), not today's.
                task.Kind == TaskKinds.ResponsibilityDetermination ? c.Chain?.Applied?.Team() ?? unit?.Leadership : null,
                task.Kind == TaskKinds.CoordinationAssessment ? CoordinationOf(tree, c.UnitId) : null,
                task.Status == HumanTaskStatus.Open && ChangeDueDate.MayChange(task, access.Actor, c.Team?.Lead),
                await ChangeDueDate.HistoryAsync(db, task, ct));
        }

        /// <summary>
        /// The people a form is about: a trace-back level's subjects (level 1 chooses among the unit's people),
        /// everyone whose responsibility may be derived, or the people held responsible.
        /// </summary>
        private static IReadOnlyList<Person> SubjectsOf(string kind, TraceBackLevel? level, Case c, OrganisationTree tree)
        {
            IEnumerable<PersonId> ids = kind switch
            {
                TaskKinds.PartyConcernedFindings => tree.People.Where(p => p.UnitId == c.UnitId).Select(p => p.Id),
                _ when level is { } l && c.Chain is { } chain => chain[l].Subjects,
                // The traced people, and under a collective decision every member of the leadership team.
                TaskKinds.ResponsibilityDetermination => (c.Chain?.CurrentFindings.Select(f => f.Finding.Person) ?? [])
                    .Concat(c.Chain?.Applied?.Team().Members ?? (tree.Contains(c.UnitId) ? tree.Unit(c.UnitId).Leadership?.Members ?? [] : [])),
                TaskKinds.Hearing or TaskKinds.AccountabilitySuggestion or TaskKinds.Decision => c.PeopleHeldResponsible,
                _ => [],
            };
            return ids.Distinct().Where(tree.Contains).Select(tree.Person).ToList();
        }

        private static CoordinationChoices CoordinationOf(OrganisationTree tree, UnitId unit)
        {
            var coordinating = tree.CoordinatingDepartmentOf(unit);
            var supervising = tree.SupervisingDepartmentOf(unit);
            Person? Head(Unit? u) => u?.Head is { } h && tree.Contains(h) ? tree.Person(h) : null;
            return new(coordinating, Head(coordinating), supervising, Head(supervising.Department));
        }

        /// <summary>Investigators who can see the case: those of its unit or of a unit above it.</summary>
        private async Task<IReadOnlyList<Investigator>> InvestigatorsAsync(OrganisationTree tree, UnitId unit, CancellationToken ct)
        {
            var units = tree.Contains(unit) ? tree.SelfAndAncestors(unit).Select(u => u.Id.Value).ToList() : [];
            return await (from u in db.Users
                          join ur in db.UserRoles on u.Id equals ur.UserId
                          join r in db.Roles on ur.RoleId equals r.Id
                          where r.Name == Roles.Investigator && units.Contains(u.UnitId)
                          orderby u.UserName
                          select new Investigator(u.UserName!, u.DisplayName)).ToListAsync(ct);
        }
    }
}
