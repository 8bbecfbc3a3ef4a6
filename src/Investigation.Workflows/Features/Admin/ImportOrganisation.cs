using System.Security.Cryptography;
using System.Text.Json.Serialization;
using FluentValidation;
using FluentValidation.Results;
using Investigation.Domain;
using Investigation.Domain.Organisation;
using Investigation.Workflows.Data;
using Investigation.Workflows.Data.Entities;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Messages;
using Investigation.Workflows.Pipeline;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Workflows.Features.Admin;

/// <summary>
/// An administrator of the root unit imports the whole organisation from a workbook or JSON (see
/// <see cref="OrganisationFile"/>): units, people, leadership posts with their dates, user accounts.
/// All or nothing: every error is listed by sheet, row and column and nothing changes. A dry run says
/// what would be added, changed and retired. Units and people the file no longer lists are retired,
/// never deleted, so cases keep everything they refer to; cases keep the team fixed when their
/// trace-back started. The first import of a new deployment places the administrators without a
/// unit (SetUpAdministrator) at the root.
/// </summary>
public static class ImportOrganisation
{
    /// <param name="InitialPassword">The password of the accounts the import creates; without it they cannot sign in until an administrator sets one.</param>
    public sealed record Command(OrganisationFormat Format, [property: JsonIgnore] byte[] Content, bool DryRun,
        [property: JsonIgnore] string? InitialPassword = null) : IRequest<Report>
    {
        public override string ToString() => $"{nameof(ImportOrganisation)} {{ Format = {Format}, Bytes = {Content.Length}, DryRun = {DryRun} }}";
    }

    /// <summary>The import itself, in one transaction with its audit entry.</summary>
    public sealed record Apply(Command Import) : ICommand<Report>, IChangesOrganisation;

    /// <summary>What the import adds, changes and retires, by list, as names people recognise.</summary>
    public sealed record Report(bool Applied, IReadOnlyList<Change> Changes)
    {
        public int Count(ChangeKind kind) => Changes.Count(c => c.Kind == kind);
    }

    public enum ChangeKind { Added, Changed, Retired }

    public sealed record Change(ChangeKind Kind, string List, string Code, string Name, string? What = null);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(UserManager<AppUser> users)
        {
            RuleFor(c => c.Format).IsInEnum();
            RuleFor(c => c.Content).NotEmpty().WithMessage("请选择要导入的文件。", "Choose the file to import.");
            RuleFor(c => c.InitialPassword!).MeetsPasswordPolicy(users).When(c => !string.IsNullOrEmpty(c.InitialPassword));
        }
    }

    public sealed class Handler(IMediator mediator, InvestigationDbContext db, Access access, UserManager<AppUser> users) : IRequestHandler<Command, Report>
    {
        public async Task<Report> Handle(Command command, CancellationToken ct)
        {
            if (!command.DryRun) return await mediator.Send(new Apply(command), ct);
            // A dry run plans on the committed rows and writes nothing, not even an audit entry.
            var plan = await Planner.MakeAsync(db, access, users, command, ct);
            return plan.Report(applied: false);
        }
    }

    public sealed class ApplyHandler(InvestigationDbContext db, Access access, UserManager<AppUser> users, AuditScope audit) : IRequestHandler<Apply, Report>
    {
        public async Task<Report> Handle(Apply apply, CancellationToken ct)
        {
            // Planned again inside the transaction: the rows it compares with are those it will change.
            var plan = await Planner.MakeAsync(db, access, users, apply.Import, ct);
            await plan.WriteAsync(db, users, apply.Import.InitialPassword, ct);
            var report = plan.Report(applied: true);
            audit.Detail = $"sha256 {Convert.ToHexString(SHA256.HashData(apply.Import.Content)).ToLowerInvariant()}: "
                + $"{report.Count(ChangeKind.Added)} added, {report.Count(ChangeKind.Changed)} changed, {report.Count(ChangeKind.Retired)} retired; "
                + string.Join("; ", report.Changes.Take(200).Select(c => $"{c.Kind} {c.List} {c.Code} {c.Name}"));
            return report;
        }
    }

    /// <summary>The file checked row by row, then as a whole tree by the domain, then compared with the stored rows.</summary>
    private sealed class Planner
    {
        private readonly List<ImportError> errors = [];
        private readonly List<Change> changes = [];
        private OrganisationFormat format;
        private readonly Dictionary<string, Guid> unitIds = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Guid> personIds = new(StringComparer.Ordinal);
        private List<UnitRecord> unitRows = [];
        private List<PersonRecord> personRows = [];
        private List<AppointmentRecord> appointmentRows = [];
        private OrganisationFile file = OrganisationFile.Empty;
        private OrganisationTree tree = new();
        private readonly List<(UserRow Row, AppUser? User, IReadOnlyList<string> Roles)> userPlan = [];

        public static async Task<Planner> MakeAsync(InvestigationDbContext db, Access access, UserManager<AppUser> users, Command command, CancellationToken ct)
        {
            access.RequireRole(Roles.Administrator);
            var p = new Planner { format = command.Format };
            p.unitRows = await db.Units.ToListAsync(ct);
            p.personRows = await db.People.ToListAsync(ct);
            p.appointmentRows = await db.Appointments.ToListAsync(ct);
            // The whole organisation is replaced: only an administrator of its root may, or anyone while there is none.
            var root = p.unitRows.FirstOrDefault(u => u.ParentId is null);
            if (root is not null && access.Actor.UnitId.Value != root.Id)
                throw new ForbiddenException("只有最高层级单位的管理员才能导入整个组织体系。", "Only an administrator of the root unit may import the whole organisation.");
            var read = OrganisationFile.Read(command.Format, command.Content, p.errors);
            if (read is not null)
            {
                p.file = read;
                p.CheckRows();
                if (p.errors.Count == 0) p.BuildTree(root);
                if (p.errors.Count == 0) await p.PlanUsersAsync(users, ct);
                if (p.errors.Count == 0) p.Compare();
            }
            if (p.errors.Count > 0)
                throw new ValidationException(p.errors.Select(e => new ValidationFailure($"{e.Sheet}!{e.Column}{e.Row}", e.ToString())
                    { CustomState = e }));
            return p;
        }

        private void Error(OrganisationFile.Sheet sheet, int row, string column, string zh, string en) =>
            errors.Add(new(OrganisationFile.SheetName(sheet, format), row, OrganisationFile.ColumnName(sheet, column, format), Say.T(zh, en)));

        private static string Key(UnitRecord u) => u.Code ?? u.Id.ToString();
        private static string Key(PersonRecord p) => p.Code ?? p.Id.ToString();

        private void CheckRows()
        {
            var units = OrganisationFile.UnitsSheet;
            var unitCodes = new HashSet<string>(StringComparer.Ordinal);
            foreach (var u in file.Units)
            {
                if (string.IsNullOrWhiteSpace(u.Code)) Error(units, u.Row, "code", "请填写单位代码。", "Enter the unit's code.");
                else if (u.Code.Trim().Length > 64) Error(units, u.Row, "code", "单位代码不超过64个字符。", "A unit code has at most 64 characters.");
                else if (!unitCodes.Add(u.Code.Trim())) Error(units, u.Row, "code", $"单位代码“{u.Code}”重复。", $"The unit code '{u.Code}' appears twice.");
                if (string.IsNullOrWhiteSpace(u.Name)) Error(units, u.Row, "name", "请填写单位名称。", "Enter the unit's name.");
                else if (u.Name.Trim().Length > 200) Error(units, u.Row, "name", "单位名称不超过200个字符。", "A unit name has at most 200 characters.");
                if (!OrganisationFile.TryParse<UnitKind>(u.Kind, k => k.Name(), out _)) Error(units, u.Row, "kind", $"“{u.Kind}”不是单位类型。", $"'{u.Kind}' is not a kind of unit.");
                if (!OrganisationFile.TryParse<AdministrativeLevel>(u.Level, l => l.Name(), out _)) Error(units, u.Row, "level", $"“{u.Level}”不是行政级别。", $"'{u.Level}' is not an administrative level.");
                if ((u.Industry?.Trim().Length ?? 0) > 100) Error(units, u.Row, "industry", "所属行业不超过100个字符。", "An industry has at most 100 characters.");
            }
            var roots = file.Units.Where(u => string.IsNullOrWhiteSpace(u.Parent)).ToList();
            if (file.Units.Count > 0 && roots.Count == 0)
                Error(units, 1, "parent", "没有最高层级单位：须有一个单位的上级单位代码留空。", "There is no root unit: one unit's parent code must be blank.");
            foreach (var extra in roots.Skip(1))
                Error(units, extra.Row, "parent", "组织体系只有一个最高层级单位：请填写上级单位代码。", "The organisation has one root unit: enter the parent's code.");
            foreach (var u in file.Units)
            {
                if (!string.IsNullOrWhiteSpace(u.Parent) && !unitCodes.Contains(u.Parent.Trim()))
                    Error(units, u.Row, "parent", $"没有代码为“{u.Parent}”的上级单位。", $"There is no parent unit with the code '{u.Parent}'.");
                if (!string.IsNullOrWhiteSpace(u.Regulator))
                {
                    var regulator = file.Units.FirstOrDefault(r => r.Code.Trim() == u.Regulator.Trim());
                    if (regulator is null) Error(units, u.Row, "regulator", $"没有代码为“{u.Regulator}”的单位。", $"There is no unit with the code '{u.Regulator}'.");
                    else if (!OrganisationFile.TryParse<UnitKind>(regulator.Kind, k => k.Name(), out var kind) || kind != UnitKind.IndustryRegulator)
                        Error(units, u.Row, "regulator", $"“{regulator.Name}”不是行业主管监管部门（第四条）。", $"'{regulator.Name}' is not an industry regulator (Article 4).");
                }
            }

            var people = OrganisationFile.PeopleSheet;
            var personCodes = new HashSet<string>(StringComparer.Ordinal);
            foreach (var p in file.People)
            {
                if (string.IsNullOrWhiteSpace(p.Code)) Error(people, p.Row, "code", "请填写人员代码。", "Enter the person's code.");
                else if (p.Code.Trim().Length > 64) Error(people, p.Row, "code", "人员代码不超过64个字符。", "A person code has at most 64 characters.");
                else if (!personCodes.Add(p.Code.Trim())) Error(people, p.Row, "code", $"人员代码“{p.Code}”重复：同一人只能列出一次。", $"The person code '{p.Code}' appears twice: list each person once.");
                if (string.IsNullOrWhiteSpace(p.Name)) Error(people, p.Row, "name", "请填写姓名。", "Enter the person's name.");
                else if (p.Name.Trim().Length > 100) Error(people, p.Row, "name", "姓名不超过100个字符。", "A name has at most 100 characters.");
                if ((p.Post?.Trim().Length ?? 0) > 200) Error(people, p.Row, "post", "职务不超过200个字符。", "A post has at most 200 characters.");
                if (!unitCodes.Contains(p.Unit?.Trim() ?? "")) Error(people, p.Row, "unit", $"没有代码为“{p.Unit}”的单位。", $"There is no unit with the code '{p.Unit}'.");
                if (!unitCodes.Contains(p.ManagingOrganisation?.Trim() ?? "")) Error(people, p.Row, "managingOrganisation", $"没有代码为“{p.ManagingOrganisation}”的单位。", $"There is no unit with the code '{p.ManagingOrganisation}'.");
            }

            var leadership = OrganisationFile.LeadershipSheet;
            foreach (var l in file.Leadership)
            {
                if (!unitCodes.Contains(l.Unit?.Trim() ?? "")) Error(leadership, l.Row, "unit", $"没有代码为“{l.Unit}”的单位。", $"There is no unit with the code '{l.Unit}'.");
                if (!OrganisationFile.TryParse<LeadershipRole>(l.Post, r => r.Name(), out _)) Error(leadership, l.Row, "post", $"“{l.Post}”不是领导班子职位。", $"'{l.Post}' is not a post of a leadership team.");
                if (!personCodes.Contains(l.Person?.Trim() ?? "")) Error(leadership, l.Row, "person", $"没有代码为“{l.Person}”的人员。", $"There is no person with the code '{l.Person}'.");
                if (!string.IsNullOrWhiteSpace(l.From) && !OrganisationFile.TryParseDate(l.From, out _))
                    Error(leadership, l.Row, "from", $"“{l.From}”不是日期：请按 yyyy-MM-dd 填写，如 2024-03-01。", $"'{l.From}' is not a date: write it as yyyy-MM-dd, e.g. 2024-03-01.");
                if (!string.IsNullOrWhiteSpace(l.To) && !OrganisationFile.TryParseDate(l.To, out _))
                    Error(leadership, l.Row, "to", $"“{l.To}”不是日期：请按 yyyy-MM-dd 填写，如 2024-03-01。", $"'{l.To}' is not a date: write it as yyyy-MM-dd, e.g. 2024-03-01.");
            }

            var usersSheet = OrganisationFile.UsersSheet;
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var u in file.Users)
            {
                if (string.IsNullOrWhiteSpace(u.UserName)) Error(usersSheet, u.Row, "userName", "请填写用户名。", "Enter the user name.");
                else if (!names.Add(u.UserName.Trim())) Error(usersSheet, u.Row, "userName", $"用户名“{u.UserName}”重复。", $"The user name '{u.UserName}' appears twice.");
                if (string.IsNullOrWhiteSpace(u.DisplayName)) Error(usersSheet, u.Row, "displayName", "请填写显示名称。", "Enter the display name.");
                if (!unitCodes.Contains(u.Unit?.Trim() ?? "")) Error(usersSheet, u.Row, "unit", $"没有代码为“{u.Unit}”的单位。", $"There is no unit with the code '{u.Unit}'.");
                var roles = (u.Roles ?? "").Split([',', '，', ';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (roles.Length == 0) Error(usersSheet, u.Row, "roles", "请为该用户至少填写一个角色。", "Give the user at least one role.");
                foreach (var bad in roles.Where(r => !OrganisationFile.TryParseRole(r, out _)))
                    Error(usersSheet, u.Row, "roles", $"“{bad}”不是本系统的角色。", $"'{bad}' is not a role of this application.");
            }
        }

        /// <summary>The file as a tree, checked by the domain; ids kept for what exists already.</summary>
        private void BuildTree(UnitRecord? root)
        {
            foreach (var u in file.Units)
                unitIds[u.Code.Trim()] = unitRows.FirstOrDefault(r => Key(r) == u.Code.Trim())?.Id ?? Guid.NewGuid();
            foreach (var p in file.People)
                personIds[p.Code.Trim()] = personRows.FirstOrDefault(r => Key(r) == p.Code.Trim())?.Id ?? Guid.NewGuid();
            var units = OrganisationFile.UnitsSheet;
            // A file with no unit at the top, or with several, has no tree to compare.
            var roots = file.Units.Where(u => string.IsNullOrWhiteSpace(u.Parent)).ToList();
            if (roots.Count != 1)
            {
                Error(units, roots.Count == 0 ? 0 : roots[1].Row, "parent", roots.Count == 0
                        ? "文件中没有最高层级单位（上级为空的单位）：组织体系须恰有一个。" : "文件中有多个最高层级单位（上级为空的单位）：组织体系须恰有一个。",
                    roots.Count == 0 ? "The file has no root unit (a unit with no parent): the organisation needs exactly one."
                        : "The file has several root units (units with no parent): the organisation needs exactly one.");
                return;
            }
            var fileRoot = roots[0];
            if (root is not null && unitIds[fileRoot.Code.Trim()] != root.Id)
            {
                Error(units, fileRoot.Row, "code", $"最高层级单位应为已有的“{root.Name}”（代码 {Key(root)}）：最高层级单位不能更换。",
                    $"The root unit must be the existing '{root.Name}' (code {Key(root)}): the root cannot be replaced.");
                return;
            }
            var byParent = file.Units.ToLookup(u => u.Parent?.Trim() ?? "");
            var queue = new Queue<UnitRow>([fileRoot]);
            var placed = new HashSet<string>(StringComparer.Ordinal);
            while (queue.TryDequeue(out var u))
            {
                OrganisationFile.TryParse<UnitKind>(u.Kind, k => k.Name(), out var kind);
                OrganisationFile.TryParse<AdministrativeLevel>(u.Level, l => l.Name(), out var level);
                try
                {
                    tree.AddUnit(new UnitId(unitIds[u.Code.Trim()]), u.Name, kind, level,
                        u.Parent is { } p && p.Trim().Length > 0 ? new UnitId(unitIds[p.Trim()]) : null, u.Industry, u.Retired);
                    placed.Add(u.Code.Trim());
                    foreach (var child in byParent[u.Code.Trim()]) queue.Enqueue(child);
                }
                catch (DomainException e) { Error(units, u.Row, "level", e.Text.Zh, e.Text.En); }
            }
            foreach (var u in file.Units.Where(u => !placed.Contains(u.Code.Trim()) && errors.Count == 0))
                Error(units, u.Row, "parent", "该单位不在最高层级单位之下（上级单位代码形成了循环）。", "This unit does not lie below the root unit (its parent codes go round in a circle).");
            if (errors.Count > 0) return;
            foreach (var u in file.Units.Where(u => !string.IsNullOrWhiteSpace(u.Regulator)))
                try { tree.AssignRegulator(new UnitId(unitIds[u.Code.Trim()]), new UnitId(unitIds[u.Regulator!.Trim()])); }
                catch (DomainException e) { Error(units, u.Row, "regulator", e.Text.Zh, e.Text.En); }

            var people = OrganisationFile.PeopleSheet;
            foreach (var p in file.People)
                try
                {
                    tree.AddPerson(new PersonId(personIds[p.Code.Trim()]), p.Name, p.Post?.Trim() ?? "", new UnitId(unitIds[p.Unit.Trim()]),
                        new UnitId(unitIds[p.ManagingOrganisation.Trim()]), p.Retired);
                }
                catch (DomainException e) { Error(people, p.Row, "unit", e.Text.Zh, e.Text.En); }
            if (errors.Count > 0) return;

            var leadership = OrganisationFile.LeadershipSheet;
            foreach (var l in file.Leadership.OrderBy(l => OrganisationFile.TryParseDate(l.From, out var d) ? d : Appointment.Always))
            {
                OrganisationFile.TryParse<LeadershipRole>(l.Post, r => r.Name(), out var role);
                var from = OrganisationFile.TryParseDate(l.From, out var f) ? f : Appointment.Always;
                DateOnly? to = OrganisationFile.TryParseDate(l.To, out var t) ? t : null;
                try
                {
                    if (tree.Person(new PersonId(personIds[l.Person.Trim()])).Retired && to is null)
                        throw new DomainException($"{tree.Person(new PersonId(personIds[l.Person.Trim()])).Name}已离任，其任职须填写截止日期。",
                            $"{tree.Person(new PersonId(personIds[l.Person.Trim()])).Name} is retired: the post needs its last day.");
                    tree.Appoint(new UnitId(unitIds[l.Unit.Trim()]), new Appointment(new PersonId(personIds[l.Person.Trim()]), role, from, to));
                }
                catch (DomainException e) { Error(leadership, l.Row, to is not null && to < from ? "to" : "person", e.Text.Zh, e.Text.En); }
            }
        }

        private async Task PlanUsersAsync(UserManager<AppUser> users, CancellationToken ct)
        {
            foreach (var u in file.Users)
            {
                var roles = u.Roles.Split([',', '，', ';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(r => OrganisationFile.TryParseRole(r, out var role) ? role : r).Distinct().ToList();
                var user = await users.FindByNameAsync(u.UserName.Trim());
                if (user is not null) currentRoles[user.Id] = await users.RolesOfAsync(user);
                userPlan.Add((u, user, Roles.All.Where(roles.Contains).ToList()));
            }
        }

        private void Compare()
        {
            var unitsList = OrganisationFile.SheetName(OrganisationFile.UnitsSheet, format);
            foreach (var u in tree.Units)
            {
                var code = file.Units.First(r => unitIds[r.Code.Trim()] == u.Id.Value).Code.Trim();
                var row = unitRows.FirstOrDefault(r => r.Id == u.Id.Value);
                if (row is null) { changes.Add(new(ChangeKind.Added, unitsList, code, u.Name)); continue; }
                var what = new List<string>();
                if (row.Name != u.Name) what.Add($"{row.Name} → {u.Name}");
                if (row.Kind != u.Kind) what.Add($"{row.Kind.Name().Zh} → {u.Kind.Name().Zh}");
                if (row.Level != u.Level) what.Add($"{row.Level.Name().Zh} → {u.Level.Name().Zh}");
                if (row.ParentId != u.ParentId?.Value) what.Add(Say.T("上级单位", "parent"));
                if (row.Industry != u.Industry) what.Add($"{row.Industry} → {u.Industry}");
                if (row.RegulatorId != u.RegulatorId?.Value) what.Add(Say.T("行业主管监管部门", "regulator"));
                if (!row.Retired && u.Retired) { changes.Add(new(ChangeKind.Retired, unitsList, code, u.Name)); continue; }
                if (row.Retired && !u.Retired) what.Add(Say.T("恢复", "restored"));
                var held = appointmentRows.Where(a => a.UnitId == row.Id).Select(a => (a.PersonId, a.Role, a.From, a.To)).ToHashSet();
                if (!held.SetEquals(u.Appointments.Select(a => (a.Person.Value, a.Role, a.From, a.To)))) what.Add(Say.T("领导班子", "leadership team"));
                if (what.Count > 0) changes.Add(new(ChangeKind.Changed, unitsList, code, u.Name, string.Join("; ", what)));
            }
            foreach (var row in unitRows.Where(r => !tree.Contains(new UnitId(r.Id)) && !r.Retired))
                changes.Add(new(ChangeKind.Retired, unitsList, Key(row), row.Name));

            var peopleList = OrganisationFile.SheetName(OrganisationFile.PeopleSheet, format);
            foreach (var p in tree.People)
            {
                var code = file.People.First(r => personIds[r.Code.Trim()] == p.Id.Value).Code.Trim();
                var row = personRows.FirstOrDefault(r => r.Id == p.Id.Value);
                if (row is null) { changes.Add(new(ChangeKind.Added, peopleList, code, p.Name)); continue; }
                if (!row.Retired && p.Retired) { changes.Add(new(ChangeKind.Retired, peopleList, code, p.Name)); continue; }
                if (row.Name != p.Name || row.Post != p.Post || row.UnitId != p.UnitId.Value || row.ManagingOrganisationId != p.ManagingOrganisationId.Value || row.Retired != p.Retired)
                    changes.Add(new(ChangeKind.Changed, peopleList, code, p.Name));
            }
            foreach (var row in personRows.Where(r => !tree.Contains(new PersonId(r.Id)) && !r.Retired))
                changes.Add(new(ChangeKind.Retired, peopleList, Key(row), row.Name));

            var usersList = OrganisationFile.SheetName(OrganisationFile.UsersSheet, format);
            foreach (var (row, user, roles) in userPlan)
            {
                var unit = unitIds[row.Unit.Trim()];
                if (user is null) changes.Add(new(ChangeKind.Added, usersList, row.UserName.Trim(), row.DisplayName.Trim()));
                else if (user.DisplayName != row.DisplayName.Trim() || user.UnitId != unit || !RolesOf(user).SequenceEqual(roles))
                    changes.Add(new(ChangeKind.Changed, usersList, user.UserName!, row.DisplayName.Trim()));
            }
        }

        // An existing user's roles, read once when the users are planned.
        private readonly Dictionary<string, IReadOnlyList<string>> currentRoles = new();
        private IReadOnlyList<string> RolesOf(AppUser user) => currentRoles.TryGetValue(user.Id, out var r) ? r : [];

        public Report Report(bool applied) => new(applied, changes);

        public async Task WriteAsync(InvestigationDbContext db, UserManager<AppUser> users, string? initialPassword, CancellationToken ct)
        {
            foreach (var u in tree.Units)
            {
                var code = file.Units.First(r => unitIds[r.Code.Trim()] == u.Id.Value).Code.Trim();
                var row = unitRows.FirstOrDefault(r => r.Id == u.Id.Value);
                if (row is null) db.Units.Add(row = new UnitRecord { Id = u.Id.Value });
                // A unit exported without a code of its own is named by its id; keep it that way.
                row.Code = code == row.Id.ToString() ? row.Code : code;
                (row.Name, row.Kind, row.Level, row.ParentId, row.Industry, row.RegulatorId, row.Retired) =
                    (u.Name, u.Kind, u.Level, u.ParentId?.Value, u.Industry, u.RegulatorId?.Value, u.Retired);
                var held = appointmentRows.Where(a => a.UnitId == row.Id).ToList();
                if (!held.Select(a => (a.PersonId, a.Role, a.From, a.To)).ToHashSet().SetEquals(u.Appointments.Select(a => (a.Person.Value, a.Role, a.From, a.To))))
                {
                    db.Appointments.RemoveRange(held);
                    db.Appointments.AddRange(u.Appointments.Select(a => OrganisationStore.Record(u.Id, a)));
                }
            }
            foreach (var row in unitRows.Where(r => !tree.Contains(new UnitId(r.Id)))) row.Retired = true;
            foreach (var p in tree.People)
            {
                var code = file.People.First(r => personIds[r.Code.Trim()] == p.Id.Value).Code.Trim();
                var row = personRows.FirstOrDefault(r => r.Id == p.Id.Value);
                if (row is null) db.People.Add(row = new PersonRecord { Id = p.Id.Value });
                row.Code = code == row.Id.ToString() ? row.Code : code;
                (row.Name, row.Post, row.UnitId, row.ManagingOrganisationId, row.Retired) = (p.Name, p.Post, p.UnitId.Value, p.ManagingOrganisationId.Value, p.Retired);
            }
            foreach (var row in personRows.Where(r => !tree.Contains(new PersonId(r.Id)))) row.Retired = true;
            // Units and people first: the users below name them.
            await db.SaveChangesAsync(ct);

            foreach (var (row, existing, roles) in userPlan)
            {
                var unit = unitIds[row.Unit.Trim()];
                var user = existing;
                if (user is null)
                {
                    user = new AppUser { UserName = row.UserName.Trim(), DisplayName = row.DisplayName.Trim(), UnitId = unit };
                    (string.IsNullOrEmpty(initialPassword) ? await users.CreateAsync(user) : await users.CreateAsync(user, initialPassword)).ThrowIfFailed();
                    (await users.AddToRolesAsync(user, roles)).ThrowIfFailed();
                    continue;
                }
                if (user.DisplayName != row.DisplayName.Trim() || user.UnitId != unit)
                {
                    (user.DisplayName, user.UnitId) = (row.DisplayName.Trim(), unit);
                    (await users.UpdateAsync(user)).ThrowIfFailed();
                }
                var held = RolesOf(user);
                if (!held.SequenceEqual(roles))
                {
                    (await users.RemoveFromRolesAsync(user, held.Except(roles))).ThrowIfFailed();
                    (await users.AddToRolesAsync(user, roles.Except(held))).ThrowIfFailed();
                }
            }
            // The first administrator was set up before any unit existed: the root is theirs now.
            var root = tree.Units.Single(u => u.ParentId is null).Id.Value;
            foreach (var admin in await users.GetUsersInRoleAsync(Roles.Administrator))
                if (admin.UnitId == Guid.Empty)
                {
                    admin.UnitId = root;
                    (await users.UpdateAsync(admin)).ThrowIfFailed();
                }
        }
    }
}
