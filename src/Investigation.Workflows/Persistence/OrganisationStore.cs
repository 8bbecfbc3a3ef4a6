using Investigation.Domain;
using Investigation.Domain.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Workflows.Persistence;

/// <summary>
/// The organisation tree, loaded from its rows once and kept in memory: it is small, read on almost
/// every request (who may see what) and changes rarely. Changes go through <see cref="Invalidate"/>;
/// on PostgreSQL every node's store is also invalidated by a notification the changing commit sends
/// (<see cref="OrganisationChangeListener"/>), and while a node cannot listen it reads the rows on every request.
/// </summary>
public sealed class OrganisationStore
{
    private volatile OrganisationTree? cached;
    private readonly SemaphoreSlim gate = new(1, 1);
    // Bumped by every invalidation: a tree loaded while a change was committed is used once, not kept.
    private long generation;
    private volatile bool listening = true;

    public async Task<OrganisationTree> GetAsync(InvestigationDbContext db, CancellationToken ct = default)
    {
        if (!listening) return await LoadAsync(db, ct);
        if (cached is { } tree) return tree;
        await gate.WaitAsync(ct);
        try
        {
            if (cached is { } again) return again;
            var before = Interlocked.Read(ref generation);
            var loaded = await LoadAsync(db, ct);
            if (Interlocked.Read(ref generation) == before && listening) cached = loaded;
            return loaded;
        }
        finally { gate.Release(); }
    }

    public void Invalidate()
    {
        Interlocked.Increment(ref generation);
        cached = null;
    }

    /// <summary>
    /// Whether changes made on other nodes reach this store: while not (before the listener has connected,
    /// or after it lost its connection), nothing is cached, so nothing stale is served.
    /// </summary>
    public void Listening(bool value)
    {
        listening = value;
        Invalidate();
    }

    public static async Task<OrganisationTree> LoadAsync(InvestigationDbContext db, CancellationToken ct = default)
    {
        var units = await db.Units.AsNoTracking().ToListAsync(ct);
        var people = await db.People.AsNoTracking().ToListAsync(ct);
        var tree = new OrganisationTree();
        var byParent = units.ToLookup(u => u.ParentId);
        // Parents before children: the tree refuses a unit whose parent it does not know yet.
        var queue = new Queue<UnitRecord>(byParent[null]);
        while (queue.TryDequeue(out var u))
        {
            tree.AddUnit(new UnitId(u.Id), u.Name, u.Kind, u.Level, u.ParentId is { } p ? new UnitId(p) : null, u.Industry);
            foreach (var child in byParent[u.Id]) queue.Enqueue(child);
        }
        foreach (var p in people)
            tree.AddPerson(new PersonId(p.Id), p.Name, p.Post, new UnitId(p.UnitId), new UnitId(p.ManagingOrganisationId));
        foreach (var u in units.Where(u => u.MainLeadId is not null && u.SecurityLeadId is not null))
            tree.SetLeadership(new UnitId(u.Id), new LeadershipTeam(new PersonId(u.MainLeadId!.Value), new PersonId(u.SecurityLeadId!.Value),
                u.OtherMembers.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => new PersonId(Guid.Parse(s)))));
        return tree;
    }

    /// <summary>Adds rows for every unit and person of a tree built in memory (the demo organisation, tests).</summary>
    public static void Add(InvestigationDbContext db, OrganisationTree tree)
    {
        db.Units.AddRange(tree.Units.Select(u => new UnitRecord
        {
            Id = u.Id.Value, Name = u.Name, Kind = u.Kind, Level = u.Level, ParentId = u.ParentId?.Value, Industry = u.Industry,
            MainLeadId = u.Leadership?.MainLead.Value, SecurityLeadId = u.Leadership?.SecurityLead.Value,
            OtherMembers = string.Join(',', u.Leadership?.OtherMembers.Select(m => m.Value) ?? []),
        }));
        db.People.AddRange(tree.People.Select(p => new PersonRecord
        {
            Id = p.Id.Value, Name = p.Name, Post = p.Post, UnitId = p.UnitId.Value, ManagingOrganisationId = p.ManagingOrganisationId.Value,
        }));
    }
}
