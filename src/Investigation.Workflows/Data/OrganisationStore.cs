using Investigation.Domain;
using Investigation.Domain.Organisation;
using Investigation.Workflows.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Workflows.Data;

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
        var appointments = await db.Appointments.AsNoTracking().ToListAsync(ct);
        var tree = new OrganisationTree();
        var byParent = units.ToLookup(u => u.ParentId);
        // Parents before children: the tree refuses a unit whose parent it does not know yet.
        var queue = new Queue<UnitRecord>(byParent[null]);
        while (queue.TryDequeue(out var u))
        {
            tree.AddUnit(new UnitId(u.Id), u.Name, u.Kind, u.Level, u.ParentId is { } p ? new UnitId(p) : null, u.Industry, u.Retired);
            foreach (var child in byParent[u.Id]) queue.Enqueue(child);
        }
        foreach (var u in units.Where(u => u.RegulatorId is not null))
            tree.AssignRegulator(new UnitId(u.Id), new UnitId(u.RegulatorId!.Value));
        foreach (var p in people)
            tree.AddPerson(new PersonId(p.Id), p.Name, p.Post, new UnitId(p.UnitId), new UnitId(p.ManagingOrganisationId), p.Retired);
        foreach (var a in appointments.OrderBy(a => a.From))
            tree.Appoint(new UnitId(a.UnitId), new Appointment(new PersonId(a.PersonId), a.Role, a.From, a.To));
        return tree;
    }

    /// <summary>Adds rows for every unit and person of a tree built in memory (the demo organisation, tests).</summary>
    public static void Add(InvestigationDbContext db, OrganisationTree tree)
    {
        db.Units.AddRange(tree.Units.Select(u => new UnitRecord
        {
            Id = u.Id.Value, Name = u.Name, Kind = u.Kind, Level = u.Level, ParentId = u.ParentId?.Value, Industry = u.Industry, Retired = u.Retired,
            RegulatorId = u.RegulatorId?.Value,
        }));
        db.Appointments.AddRange(tree.Units.SelectMany(u => u.Appointments.Select(a => Record(u.Id, a))));
        db.People.AddRange(tree.People.Select(p => new PersonRecord
        {
            Id = p.Id.Value, Name = p.Name, Post = p.Post, UnitId = p.UnitId.Value, ManagingOrganisationId = p.ManagingOrganisationId.Value, Retired = p.Retired,
        }));
    }

    public static AppointmentRecord Record(UnitId unit, Appointment a) => new()
    {
        Id = Guid.NewGuid(), UnitId = unit.Value, PersonId = a.Person.Value, Role = a.Role, From = a.From, To = a.To,
    };

    /// <summary>
    /// Writes a unit's appointments as the tree now holds them: ended ones get their last day, new ones
    /// a row. Rows are never deleted, so the team of every earlier day stays on record.
    /// </summary>
    public static async Task SaveAppointmentsAsync(InvestigationDbContext db, Unit unit, CancellationToken ct)
    {
        var rows = await db.Appointments.Where(a => a.UnitId == unit.Id.Value).ToListAsync(ct);
        foreach (var a in unit.Appointments)
        {
            var row = rows.FirstOrDefault(r => r.PersonId == a.Person.Value && r.Role == a.Role && r.From == a.From);
            if (row is null) db.Appointments.Add(Record(unit.Id, a));
            else if (row.To != a.To) row.To = a.To;
        }
    }
}
