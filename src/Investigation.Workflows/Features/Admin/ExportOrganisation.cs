using Investigation.Domain.Organisation;
using Investigation.Workflows.Data;
using Investigation.Workflows.Data.Entities;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Messages;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Workflows.Features.Admin;

/// <summary>
/// An administrator of the root unit exports the whole organisation in the import's format (workbook
/// or JSON), retired units and people and the full leadership history included, so that importing the
/// export again changes nothing. A unit or person without a code of its own is named by its id.
/// </summary>
public static class ExportOrganisation
{
    public sealed record Query(OrganisationFormat Format) : IRequest<Result>;

    public sealed record Result(byte[] Content, string ContentType, string FileName);

    public sealed class Handler(InvestigationDbContext db, Access access, UserManager<AppUser> users, TimeProvider clock) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken ct)
        {
            access.RequireRole(Roles.Administrator);
            var units = await db.Units.AsNoTracking().ToListAsync(ct);
            var root = units.FirstOrDefault(u => u.ParentId is null);
            if (root is not null && access.Actor.UnitId.Value != root.Id)
                throw new ForbiddenException("只有最高层级单位的管理员才能导出整个组织体系。", "Only an administrator of the root unit may export the whole organisation.");
            var file = await ReadAsync(db, users, ct);
            var stamp = ChinaDate.Of(clock.GetUtcNow()).ToString("yyyy-MM-dd");
            return query.Format == OrganisationFormat.Json
                ? new(file.ToJson(), "application/json", $"organisation-{stamp}.json")
                : new(file.ToXlsx(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"organisation-{stamp}.xlsx");
        }
    }

    /// <summary>The stored organisation as the file's rows, in the order of the tree (parents first).</summary>
    public static async Task<OrganisationFile> ReadAsync(InvestigationDbContext db, UserManager<AppUser> users, CancellationToken ct)
    {
        var units = await db.Units.AsNoTracking().ToListAsync(ct);
        var people = await db.People.AsNoTracking().ToListAsync(ct);
        var appointments = await db.Appointments.AsNoTracking().ToListAsync(ct);
        var code = units.ToDictionary(u => u.Id, u => u.Code ?? u.Id.ToString());
        var personCode = people.ToDictionary(p => p.Id, p => p.Code ?? p.Id.ToString());
        var byParent = units.ToLookup(u => u.ParentId);
        var ordered = new List<UnitRecord>();
        var queue = new Queue<UnitRecord>(byParent[null]);
        while (queue.TryDequeue(out var u))
        {
            ordered.Add(u);
            foreach (var c in byParent[u.Id].OrderBy(c => code[c.Id], StringComparer.Ordinal)) queue.Enqueue(c);
        }
        var rank = ordered.Select((u, i) => (u.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var unitRows = ordered.Select(u => new UnitRow(code[u.Id], u.Name, OrganisationFile.Text(u.Kind), OrganisationFile.Text(u.Level),
            u.ParentId is { } p ? code[p] : null, u.Industry, u.RegulatorId is { } r ? code[r] : null, u.Retired)).ToList();
        var personRows = people.OrderBy(p => rank.GetValueOrDefault(p.UnitId)).ThenBy(p => personCode[p.Id], StringComparer.Ordinal)
            .Select(p => new PersonRow(personCode[p.Id], p.Name, p.Post, code[p.UnitId], code[p.ManagingOrganisationId], p.Retired)).ToList();
        var leadershipRows = appointments.OrderBy(a => rank.GetValueOrDefault(a.UnitId)).ThenBy(a => a.From).ThenBy(a => a.Role)
            .Select(a => new LeadershipRow(code[a.UnitId], OrganisationFile.Text(a.Role), personCode[a.PersonId], NullIfBlank(OrganisationFile.Text(a.From)), NullIfBlank(OrganisationFile.Text(a.To)))).ToList();
        var userRows = new List<UserRow>();
        foreach (var user in await users.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(ct))
            if (code.TryGetValue(user.UnitId, out var unit))
                userRows.Add(new UserRow(user.UserName!, user.DisplayName, unit, string.Join(",", await users.RolesOfAsync(user))));
        return new OrganisationFile(unitRows, personRows, leadershipRows, userRows);
    }

    private static string? NullIfBlank(string s) => s.Length == 0 ? null : s;
}
