namespace Investigation.Domain.Organisation;

/// <summary>A node of the organisation tree: a region's committee, an organ, an office, a regulator...</summary>
public sealed class Unit
{
    public UnitId Id { get; }
    public string Name { get; private set; }
    public UnitKind Kind { get; }
    public AdministrativeLevel Level { get; }
    public UnitId? ParentId { get; }
    /// <summary>For a supervised unit, its industry; for an industry regulator, the industry it supervises.</summary>
    public string? Industry { get; }
    public LeadershipTeam? Leadership { get; private set; }

    internal Unit(UnitId id, string name, UnitKind kind, AdministrativeLevel level, UnitId? parentId, string? industry)
    {
        Id = id;
        Name = Guard.Text(name, "单位名称", "A unit's name");
        Kind = kind;
        Level = level;
        ParentId = parentId;
        Industry = string.IsNullOrWhiteSpace(industry) ? null : industry.Trim();
        if (kind == UnitKind.IndustryRegulator && Industry is null)
            throw new DomainException($"行业主管监管部门“{Name}”必须写明其主管监管的行业（第四条）。", $"Industry regulator '{Name}' must name the industry it supervises (Article 4).");
    }

    internal void SetLeadership(LeadershipTeam team) => Leadership = team;

    internal void Rename(string name) => Name = Guard.Text(name, "单位名称", "A unit's name");

    /// <summary>The head of the unit: for a department, the main person in charge of its leadership.</summary>
    public PersonId? Head => Leadership?.MainLead;
}
