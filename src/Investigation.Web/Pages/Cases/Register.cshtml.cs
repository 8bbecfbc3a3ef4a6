using System.ComponentModel.DataAnnotations;
using Investigation.Domain.Incidents;
using Investigation.Domain.Organisation;
using Investigation.Web.Infrastructure;
using Investigation.Web.Pages.Tasks.Forms;
using Investigation.Workflows.Features.Cases;
using Investigation.Workflows.Features.Outages;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Investigation.Web.Pages.Cases;

/// <summary>
/// A case officer registers an incident (RegisterIncident): the unit, what happened, the facts of each
/// Article 8 circumstance alleged, the Article 3 duties failed, and the evidence; or starts from the facts
/// of an outage the watch flagged. Other roles get 403.
/// </summary>
public sealed class RegisterModel(IMediator mediator) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();

    public GetRegistrationChoices.Result? Choices { get; private set; }

    /// <param name="outage">An outage the watch flagged (Article 8, item 2): its facts fill the form, for the officer to check and complete.</param>
    public async Task<IActionResult> OnGetAsync(Guid? outage)
    {
        var shown = await ShowAsync();
        if (shown is not PageResult || outage is not { } id) return shown;
        return await this.SendAsync(mediator, new GetOutage.Query(id), r =>
        {
            Input = InputModel.From(r.Proposal);
            return Page();
        });
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var shown = await ShowAsync();
        if (shown is not PageResult) return shown;
        // Facts typed into a circumstance that was not ticked would count for nothing: say so rather than drop them.
        foreach (var (name, section) in Input.Facts.Sections())
            if (!section.Alleged && section.HasFacts)
                ModelState.AddModelError($"Input.Facts.{name}.Alleged", Text.T(
                    "已填写此情形的事实，但未勾选“涉及此情形”：请勾选，或清除这些事实。",
                    "Facts are recorded for this circumstance but it is not ticked as alleged: tick it, or clear the facts."));
        // A date that is missing or unreadable has no value to send: the command is only validated, so all its messages show.
        if (!ModelState.IsValid)
        {
            await this.ValidateOnlyAsync(Input.ToCommand());
            return shown;
        }
        return await this.SendAsync(mediator, Input.ToCommand(), r => Redirect($"/Cases/Details/{r.CaseId}"));
    }

    /// <summary>A circumstance not ticked whose facts were filled in: its facts stay open, beside the message.</summary>
    public bool HasUnallegedFacts(string section) =>
        Input.Facts.Sections().FirstOrDefault(s => s.Name == section).Section is { Alleged: false, HasFacts: true };

    private Task<IActionResult> ShowAsync() =>
        this.SendAsync(mediator, new GetRegistrationChoices.Query(), r =>
        {
            Choices = r;
            return Page();
        });

    public sealed class InputModel
    {
        public Guid? UnitId { get; set; }
        public string? Title { get; set; }
        public string? Description { get; set; }
        [Needed("请填写事件发生的时间。", "Give the date and time the incident occurred.")]
        public DateTime? OccurredAt { get; set; }
        public FactsModel Facts { get; set; } = new();
        public List<Article3Duty> DutiesFailed { get; set; } = [];
        /// <summary>One reference per line.</summary>
        public string? Evidence { get; set; }

        public static InputModel From(GetOutage.Proposal proposal) => new()
        {
            UnitId = proposal.UnitId,
            Title = proposal.Title,
            Description = proposal.Description,
            OccurredAt = Text.ChinaTimeOf(proposal.OccurredAt),
            Facts = new()
            {
                PortalParalysis = proposal.Facts.PortalParalysis is { } p
                    ? new()
                    {
                        Alleged = true, Site = p.Site!.Value, SiteLevel = p.SiteLevel!.Value, Attacked = p.Attacked!.Value, DisposalOrganisedInTime = p.DisposalOrganisedInTime!.Value,
                        DownAt = Text.ChinaTimeOf(p.DownAt!.Value), RestoredAt = p.RestoredAt is { } r ? Text.ChinaTimeOf(r) : null,
                    }
                    : new(),
            },
        };

        public RegisterIncident.Command ToCommand() => new(UnitId ?? Guid.Empty, Title ?? "", Description ?? "", OccurredAt is { } at ? Text.InChina(at) : null,
            Facts.ToInput(), DutiesFailed, FieldErrors.Lines(Evidence));
    }

    /// <summary>One optional section per circumstance of Article 8; a section counts only when the officer alleges it.</summary>
    public sealed class FactsModel
    {
        public PortalTamperingModel PortalTampering { get; set; } = new();
        public PortalParalysisModel PortalParalysis { get; set; } = new();
        public DataLeakModel DataLeak { get; set; } = new();
        public CriticalInfrastructureModel CriticalInfrastructure { get; set; } = new();
        public ConcealmentModel Concealment { get; set; } = new();
        public ObstructionModel Obstruction { get; set; } = new();
        public OtherSeriousActModel OtherSeriousAct { get; set; } = new();

        public IEnumerable<(string Name, SectionModel Section)> Sections() =>
        [
            (nameof(PortalTampering), PortalTampering), (nameof(PortalParalysis), PortalParalysis), (nameof(DataLeak), DataLeak),
            (nameof(CriticalInfrastructure), CriticalInfrastructure), (nameof(Concealment), Concealment), (nameof(Obstruction), Obstruction),
            (nameof(OtherSeriousAct), OtherSeriousAct),
        ];

        public IncidentFactsInput ToInput() => new()
        {
            PortalTampering = PortalTampering.Alleged
                ? new(PortalTampering.Site, PortalTampering.AttackedAndTampered, PortalTampering.HarmfulInformationSpreadWidely,
                    PortalTampering.ReportedInTime, PortalTampering.DisposalOrganisedInTime)
                : null,
            PortalParalysis = PortalParalysis.Alleged
                ? new(PortalParalysis.Site, PortalParalysis.SiteLevel, PortalParalysis.Attacked, PortalParalysis.DisposalOrganisedInTime,
                    PortalParalysis.DownAt is { } down ? Text.InChina(down) : null, PortalParalysis.RestoredAt is { } r ? Text.InChina(r) : null)
                : null,
            DataLeak = DataLeak.Alleged
                ? new(DataLeak.StateSecretsLeaked, DataLeak.LargeScalePersonalInformationLeaked, DataLeak.LargeAmountOfNationalBasicDataLeaked, DataLeak.PersonalRecordsLeaked)
                : null,
            CriticalInfrastructure = CriticalInfrastructure.Alleged
                ? new(CriticalInfrastructure.IsCriticalInformationInfrastructure, CriticalInfrastructure.Attacked, CriticalInfrastructure.HandledInTime,
                    CriticalInfrastructure.LargeScaleImpactOnPublic, CriticalInfrastructure.MajorEconomicLoss, CriticalInfrastructure.SeriousAdverseSocialImpact)
                : null,
            Concealment = Concealment.Alleged
                ? new(Concealment.BlockedOrConcealed, Concealment.RefusedToCooperate, Concealment.NotifiedProblemsNotRectifiedInTime, Concealment.SeriousConsequences)
                : null,
            Obstruction = Obstruction.Alleged ? new(Obstruction.ObstructedSecurityOrgans, Obstruction.RefusedSupport) : null,
            OtherSeriousAct = OtherSeriousAct.Alleged ? new(OtherSeriousAct.Description ?? "", OtherSeriousAct.SeriouslyEndangersCybersecurity) : null,
        };
    }

    public abstract class SectionModel
    {
        public bool Alleged { get; set; }

        /// <summary>Anything typed or ticked beyond the choices that always have a value (kind and level of site).</summary>
        public abstract bool HasFacts { get; }
    }

    public sealed class PortalTamperingModel : SectionModel
    {
        public override bool HasFacts => AttackedAndTampered || HarmfulInformationSpreadWidely || ReportedInTime || DisposalOrganisedInTime;
        public SiteKind Site { get; set; }
        public bool AttackedAndTampered { get; set; }
        public bool HarmfulInformationSpreadWidely { get; set; }
        public bool ReportedInTime { get; set; }
        public bool DisposalOrganisedInTime { get; set; }
    }

    public sealed class PortalParalysisModel : SectionModel, IValidatableObject
    {
        public override bool HasFacts => Attacked || DisposalOrganisedInTime || DownAt is not null || RestoredAt is not null;
        public SiteKind Site { get; set; }
        public AdministrativeLevel SiteLevel { get; set; } = AdministrativeLevel.Prefecture;
        public bool Attacked { get; set; }
        public bool DisposalOrganisedInTime { get; set; }
        public DateTime? DownAt { get; set; }
        /// <summary>Empty while the site is still down: the outage is measured up to now.</summary>
        public DateTime? RestoredAt { get; set; }

        public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
        {
            if (Alleged && DownAt is null)
                yield return new(Text.T("请填写网站瘫痪开始的时间。", "Give the time the site went down."), [nameof(DownAt)]);
        }
    }

    public sealed class DataLeakModel : SectionModel
    {
        public override bool HasFacts => StateSecretsLeaked || LargeScalePersonalInformationLeaked || LargeAmountOfNationalBasicDataLeaked || PersonalRecordsLeaked is not null;
        public bool StateSecretsLeaked { get; set; }
        public bool LargeScalePersonalInformationLeaked { get; set; }
        public bool LargeAmountOfNationalBasicDataLeaked { get; set; }
        public long? PersonalRecordsLeaked { get; set; }
    }

    public sealed class CriticalInfrastructureModel : SectionModel
    {
        public override bool HasFacts => IsCriticalInformationInfrastructure || Attacked || HandledInTime || LargeScaleImpactOnPublic || MajorEconomicLoss || SeriousAdverseSocialImpact;
        public bool IsCriticalInformationInfrastructure { get; set; }
        public bool Attacked { get; set; }
        public bool HandledInTime { get; set; }
        public bool LargeScaleImpactOnPublic { get; set; }
        public bool MajorEconomicLoss { get; set; }
        public bool SeriousAdverseSocialImpact { get; set; }
    }

    public sealed class ConcealmentModel : SectionModel
    {
        public override bool HasFacts => BlockedOrConcealed || RefusedToCooperate || NotifiedProblemsNotRectifiedInTime || SeriousConsequences;
        public bool BlockedOrConcealed { get; set; }
        public bool RefusedToCooperate { get; set; }
        public bool NotifiedProblemsNotRectifiedInTime { get; set; }
        public bool SeriousConsequences { get; set; }
    }

    public sealed class ObstructionModel : SectionModel
    {
        public override bool HasFacts => ObstructedSecurityOrgans || RefusedSupport;
        public bool ObstructedSecurityOrgans { get; set; }
        public bool RefusedSupport { get; set; }
    }

    public sealed class OtherSeriousActModel : SectionModel
    {
        public override bool HasFacts => !string.IsNullOrWhiteSpace(Description) || SeriouslyEndangersCybersecurity;
        public string? Description { get; set; }
        public bool SeriouslyEndangersCybersecurity { get; set; }
    }
}
