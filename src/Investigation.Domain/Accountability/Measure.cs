namespace Investigation.Domain.Accountability;

/// <summary>Whom a measure aims at: a cadre, or the Party organisation of a unit.</summary>
public readonly record struct AccountabilitySubject(TargetKind Kind, Guid Id)
{
    public static AccountabilitySubject Cadre(PersonId person) => new(TargetKind.Cadre, person.Value);
    public static AccountabilitySubject Organisation(UnitId unit) => new(TargetKind.Organisation, unit.Value);
}

/// <summary>
/// Forms of accountability for one subject, with the reasons: proposed in a suggestion, or decided by
/// the managing Party organisation. Forms may be combined; a form for the wrong kind of subject is refused.
/// </summary>
public sealed record Measure
{
    public AccountabilitySubject Subject { get; }
    public IReadOnlyList<AccountabilityForm> Forms { get; }
    public string Reason { get; }

    public Measure(AccountabilitySubject subject, IReadOnlyList<AccountabilityForm> forms, string reason)
    {
        var list = forms.Distinct().ToList();
        if (list.Count == 0)
            throw new DomainException("请至少选择一种问责方式。", "Name at least one form of accountability.");
        var wrong = list.Where(f => !f.IsAllowedFor(subject.Kind)).ToList();
        if (wrong.Count > 0)
        {
            var zh = string.Join("、", wrong.Select(f => f.Name().Zh));
            var en = string.Join(", ", wrong.Select(f => f.Name().En));
            throw subject.Kind == TargetKind.Cadre
                ? new DomainException($"{zh}适用于党组织，不适用于领导干部（《中国共产党问责条例》第八条）。",
                    $"{en} applies to Party organisations, not to a cadre (Accountability Regulations, Article 8).")
                : new DomainException($"{zh}适用于领导干部，不适用于党组织（《中国共产党问责条例》第八条）。",
                    $"{en} applies to leading cadres, not to a Party organisation (Accountability Regulations, Article 8).");
        }
        Subject = subject;
        Forms = list;
        Reason = Guard.Text(reason, "问责措施的理由", "The reason for the measure");
    }
}
