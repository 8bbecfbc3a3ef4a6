namespace Investigation.Domain.Organisation;

/// <summary>How a unit's supervising department was found (Article 4).</summary>
public enum SupervisionBasis
{
    /// <summary>行业主管监管部门: the regulator of the unit's industry.</summary>
    IndustryRegulator,
    /// <summary>没有主管监管部门的，由所在地区负指导监管责任: the region's leading body stands in.</summary>
    RegionalLeadingBody,
}

public sealed record SupervisingDepartment(Unit Department, SupervisionBasis Basis, BilingualText Reason, Citation Citation);

/// <summary>
/// The organisation: units in a tree, their people and leadership teams. Answers the questions the
/// Measures ask of it: who supervises a unit, who coordinates, which units lie below a unit.
/// </summary>
public sealed class OrganisationTree
{
    private static readonly Citation Article4 = Citation.OfMeasures("第四条 / Article 4",
        "行业主管监管部门对本行业本领域的网络安全负指导监管责任。没有主管监管部门的，由所在地区负指导监管责任。",
        "The competent industry regulator guides and supervises the cybersecurity of its industry; where there is none, the region where the unit is located does.");

    private readonly Dictionary<UnitId, Unit> units = new();
    private readonly Dictionary<UnitId, List<Unit>> children = new();
    private readonly Dictionary<PersonId, Person> people = new();

    public IEnumerable<Unit> Units => units.Values;
    public IEnumerable<Person> People => people.Values;

    /// <summary>Every person by id, read-only: pages that name many people look them up here instead of copying the tree's people on each request.</summary>
    public IReadOnlyDictionary<PersonId, Person> PeopleById => people;

    public Unit AddUnit(UnitId id, string name, UnitKind kind, AdministrativeLevel level, UnitId? parentId = null, string? industry = null, bool retired = false)
    {
        if (units.ContainsKey(id)) throw new DomainException($"单位 {id} 已存在。", $"Unit {id} exists already.");
        if (parentId is { } p)
        {
            var parent = Unit(p);
            if (parent.Level < level)
                throw new DomainException($"“{name}”的行政级别不能高于其上级单位“{parent.Name}”。", $"'{name}' cannot be at a higher level than its parent '{parent.Name}'.");
            if (parent.Retired && !retired)
                throw new DomainException($"“{parent.Name}”已撤销，不能在其下增加单位。", $"'{parent.Name}' is retired: no unit can be added below it.");
        }
        else if (units.Count > 0)
            throw new DomainException("组织体系只有一个最高层级，其他每个单位都必须有上级单位。", "The organisation has one root; every other unit needs a parent.");
        var unit = new Unit(id, name, kind, level, parentId, industry) { Retired = retired };
        units.Add(id, unit);
        if (parentId is { } parentKey)
            (children.TryGetValue(parentKey, out var list) ? list : children[parentKey] = []).Add(unit);
        return unit;
    }

    public Person AddPerson(PersonId id, string name, string post, UnitId unitId, UnitId managingOrganisationId, bool retired = false)
    {
        // A retired unit keeps its people on record: loading them is not adding (see AddPerson's use case).
        Unit(unitId);
        Unit(managingOrganisationId);
        var person = new Person(id, Guard.Text(name, "人员姓名", "A person's name"), post, unitId, managingOrganisationId) { Retired = retired };
        if (!people.TryAdd(id, person)) throw new DomainException($"人员 {id} 已存在。", $"Person {id} exists already.");
        return person;
    }

    /// <summary>Records a team as in office since always (the demo, tests): no dates to trace by.</summary>
    public void SetLeadership(UnitId unitId, LeadershipTeam team)
    {
        var unit = Unit(unitId);
        RequireMembers(unit, team);
        unit.SetLeadership(team);
    }

    /// <summary>The team changes from a day on; the earlier teams stay on record for the cases of their days.</summary>
    public void ChangeLeadership(UnitId unitId, LeadershipTeam team, DateOnly from)
    {
        var unit = Unit(unitId);
        if (unit.Retired) throw new DomainException($"“{unit.Name}”已撤销，不能变更其领导班子。", $"'{unit.Name}' is retired: its leadership team cannot change.");
        RequireMembers(unit, team);
        foreach (var member in team.Members.Where(m => Person(m).Retired))
            throw new DomainException($"{Person(member).Name}已离任，不能进入领导班子。", $"{Person(member).Name} is retired and cannot join the leadership team.");
        unit.ChangeLeadership(team, from);
    }

    /// <summary>A post held from a day to a day, as kept in the stored rows or an imported list.</summary>
    public void Appoint(UnitId unitId, Appointment appointment)
    {
        var unit = Unit(unitId);
        var person = Person(appointment.Person);
        if (person.UnitId != unitId)
            throw new DomainException($"{person.Name}不属于{unit.Name}，不能进入其领导班子。", $"{person.Name} does not belong to {unit.Name} and cannot sit on its leadership team.");
        unit.Add(appointment);
    }

    private void RequireMembers(Unit unit, LeadershipTeam team)
    {
        foreach (var member in team.Members)
            if (Person(member).UnitId != unit.Id)
                throw new DomainException($"{Person(member).Name}不属于{unit.Name}，不能进入其领导班子。", $"{Person(member).Name} does not belong to {unit.Name} and cannot sit on its leadership team.");
    }

    public void RenameUnit(UnitId id, string name) => Unit(id).Rename(name);

    /// <summary>Records which industry regulator supervises a unit (Article 4); null to find it from the unit's industry.</summary>
    public void AssignRegulator(UnitId id, UnitId? regulatorId)
    {
        var unit = Unit(id);
        if (regulatorId is { } r)
        {
            var regulator = Unit(r);
            if (regulator.Kind != UnitKind.IndustryRegulator)
                throw new DomainException($"“{regulator.Name}”不是行业主管监管部门，不能作为“{unit.Name}”的主管监管部门（第四条）。",
                    $"'{regulator.Name}' is not an industry regulator and cannot supervise '{unit.Name}' (Article 4).");
            if (r == id) throw new DomainException($"“{unit.Name}”不能监管自身。", $"'{unit.Name}' cannot supervise itself.");
        }
        unit.RegulatorId = regulatorId;
    }

    /// <summary>Changes a unit's kind, level or industry; its level stays within its parent's and above its units'.</summary>
    public void DescribeUnit(UnitId id, UnitKind kind, AdministrativeLevel level, string? industry)
    {
        var unit = Unit(id);
        if (unit.ParentId is { } p && Unit(p).Level < level)
            throw new DomainException($"“{unit.Name}”的行政级别不能高于其上级单位“{Unit(p).Name}”。", $"'{unit.Name}' cannot be at a higher level than its parent '{Unit(p).Name}'.");
        if (ChildrenOf(id).FirstOrDefault(c => c.Level > level) is { } higher)
            throw new DomainException($"“{unit.Name}”的行政级别不能低于其下级单位“{higher.Name}”。", $"'{unit.Name}' cannot be at a lower level than its unit '{higher.Name}'.");
        unit.Describe(kind, level, industry);
    }

    /// <summary>Moves a unit, with everything below it, under another parent (checked at the level it will have there).</summary>
    public void MoveUnit(UnitId id, UnitId newParentId, AdministrativeLevel? atLevel = null)
    {
        var unit = Unit(id);
        var parent = Unit(newParentId);
        if (unit.ParentId is null) throw new DomainException("最高层级单位不能移动。", "The root unit cannot be moved.");
        if (IsWithin(newParentId, id))
            throw new DomainException($"不能把“{unit.Name}”移到其自身或其下级单位之下。", $"'{unit.Name}' cannot be moved below itself or one of its own units.");
        if (parent.Level < (atLevel ?? unit.Level))
            throw new DomainException($"“{unit.Name}”的行政级别不能高于其上级单位“{parent.Name}”。", $"'{unit.Name}' cannot be at a higher level than its parent '{parent.Name}'.");
        if (parent.Retired && !unit.Retired)
            throw new DomainException($"“{parent.Name}”已撤销，不能在其下增加单位。", $"'{parent.Name}' is retired: no unit can be added below it.");
        children[unit.ParentId.Value].Remove(unit);
        unit.ParentId = newParentId;
        (children.TryGetValue(newParentId, out var list) ? list : children[newParentId] = []).Add(unit);
    }

    /// <summary>
    /// Retires (撤销) a unit: it keeps its cases, people and history, and takes nothing new. Its units
    /// are retired or moved first, so no live unit hangs below a retired one.
    /// </summary>
    public void RetireUnit(UnitId id)
    {
        var unit = Unit(id);
        if (unit.ParentId is null) throw new DomainException("最高层级单位不能撤销。", "The root unit cannot be retired.");
        if (ChildrenOf(id).FirstOrDefault(c => !c.Retired) is { } live)
            throw new DomainException($"“{unit.Name}”下还有未撤销的单位“{live.Name}”：请先撤销或移走。", $"'{unit.Name}' still has the unit '{live.Name}': retire or move it first.");
        unit.Retired = true;
    }

    /// <summary>Retires (离任) a person, who stays on record for the cases that name them; one in office leaves the team first.</summary>
    public void RetirePerson(PersonId id)
    {
        var person = Person(id);
        if (Unit(person.UnitId).Appointments.Any(a => a.IsCurrent && a.Person == id))
            throw new DomainException($"{person.Name}仍在领导班子中任职：请先变更领导班子。", $"{person.Name} still sits on the leadership team: change the team first.");
        people[id] = person with { Retired = true };
    }

    public Unit Unit(UnitId id) => units.TryGetValue(id, out var u) ? u : throw new DomainException($"不存在单位 {id}。", $"There is no unit {id}.");
    public Person Person(PersonId id) => people.TryGetValue(id, out var p) ? p : throw new DomainException($"不存在人员 {id}。", $"There is no person {id}.");
    public bool Contains(UnitId id) => units.ContainsKey(id);
    public bool Contains(PersonId id) => people.ContainsKey(id);

    public IEnumerable<Unit> ChildrenOf(UnitId id) => children.TryGetValue(id, out var list) ? list : [];

    /// <summary>The unit itself, then its parent, up to the root.</summary>
    public IEnumerable<Unit> SelfAndAncestors(UnitId id)
    {
        for (Unit? u = Unit(id); u is not null; u = u.ParentId is { } p ? Unit(p) : null)
            yield return u;
    }

    /// <summary>The unit and every unit below it: what a user of the unit may see.</summary>
    public IEnumerable<Unit> Subtree(UnitId id)
    {
        var stack = new Stack<Unit>([Unit(id)]);
        while (stack.TryPop(out var u))
        {
            yield return u;
            foreach (var c in ChildrenOf(u.Id)) stack.Push(c);
        }
    }

    public bool IsWithin(UnitId unit, UnitId ancestorOrSelf) => SelfAndAncestors(unit).Any(u => u.Id == ancestorOrSelf);

    /// <summary>The region (regional Party committee) a unit belongs to: itself if it is one.</summary>
    public Unit RegionOf(UnitId id) =>
        SelfAndAncestors(id).FirstOrDefault(u => u.Kind == UnitKind.RegionalPartyCommittee)
        ?? throw new DomainException($"{Unit(id).Name}不属于任何地区。", $"{Unit(id).Name} lies in no region.");

    /// <summary>
    /// The comprehensive coordination department (综合协调部门) for a unit: the cyberspace affairs
    /// office of its region, or of the nearest region above that has one.
    /// </summary>
    public Unit? CoordinatingDepartmentOf(UnitId id) =>
        SelfAndAncestors(id).Where(u => u.Kind == UnitKind.RegionalPartyCommittee)
            .Select(r => ChildrenOf(r.Id).FirstOrDefault(c => c.Kind == UnitKind.CyberspaceAffairsOffice && !c.Retired))
            .FirstOrDefault(o => o is not null);

    /// <summary>
    /// Article 4: the regulator of the unit's industry, found in the unit's region or the nearest
    /// region above; where the industry has none, the region's leading body (its cyberspace affairs
    /// office, or the regional committee itself when it has no office).
    /// </summary>
    public SupervisingDepartment SupervisingDepartmentOf(UnitId id)
    {
        var unit = Unit(id);
        if (unit.RegulatorId is { } recorded && Unit(recorded) is { Retired: false } named)
            return new(named, SupervisionBasis.IndustryRegulator,
                new($"{unit.Name}登记的行业主管监管部门是{named.Name}。", $"{named.Name} is recorded as the industry regulator of {unit.Name}."),
                Article4);
        if (unit.Industry is { } industry)
        {
            var regulator = SelfAndAncestors(id)
                .Where(u => u.Kind == UnitKind.RegionalPartyCommittee)
                .Select(r => ChildrenOf(r.Id).FirstOrDefault(c => c.Kind == UnitKind.IndustryRegulator && !c.Retired
                    && string.Equals(c.Industry, industry, StringComparison.OrdinalIgnoreCase)))
                .FirstOrDefault(r => r is not null);
            if (regulator is not null)
                return new(regulator, SupervisionBasis.IndustryRegulator,
                    new($"{unit.Name}所属“{industry}”行业的主管监管部门是{regulator.Name}。",
                        $"{regulator.Name} is the competent regulator of the '{industry}' industry of {unit.Name}."),
                    Article4);
        }
        var region = RegionOf(id);
        var body = ChildrenOf(region.Id).FirstOrDefault(c => c.Kind == UnitKind.CyberspaceAffairsOffice && !c.Retired) ?? region;
        var why = unit.Industry is null
            ? new BilingualText($"{unit.Name}未登记所属行业，没有主管监管部门，由所在地区（{region.Name}）负指导监管责任。",
                $"{unit.Name} has no recorded industry and so no regulator; its region ({region.Name}) supervises it.")
            : new BilingualText($"“{unit.Industry}”行业没有主管监管部门，由所在地区（{region.Name}）负指导监管责任。",
                $"The '{unit.Industry}' industry has no regulator; the region ({region.Name}) supervises it.");
        return new(body, SupervisionBasis.RegionalLeadingBody, why, Article4);
    }
}
