namespace Investigation.Domain.Incidents;

/// <summary>The five duties of Party committees (Party groups) in Article 3, items (一) to (五).</summary>
public enum Article3Duty
{
    ImplementDirectivesAndLaw = 1,
    ResponsibilitySystemAndResources = 2,
    ProtectionAndIncidentHandling = 3,
    SupportForSecurityOrgans = 4,
    EducationAndTalent = 5,
}

public static class Article3DutyText
{
    private static readonly string[] Numerals = ["", "一", "二", "三", "四", "五"];

    public static string Provision(this Article3Duty d) => $"第三条第（{Numerals[(int)d]}）项 / Article 3, item ({(int)d})";

    public static BilingualText Name(this Article3Duty d) => d switch
    {
        Article3Duty.ImplementDirectivesAndLaw => new("贯彻落实决策部署和法律法规，明确网络安全目标、要求、任务、措施", "implement directives and law; set goals, requirements, tasks and protection measures"),
        Article3Duty.ResponsibilitySystemAndResources => new("建立和落实网络安全责任制，明确工作机构，加大保障力度", "establish the responsibility system, name the working body, provide people, funds and means"),
        Article3Duty.ProtectionAndIncidentHandling => new("统一组织领导网络安全保护和重大事件处置工作", "lead cybersecurity protection and the handling of major incidents"),
        Article3Duty.SupportForSecurityOrgans => new("为公安机关、国家安全机关依法工作提供支持和保障", "support public security and state security organs in their lawful work"),
        Article3Duty.EducationAndTalent => new("开展网络安全宣传教育，培养人才，支持产业发展", "carry out publicity and education, cultivate talent, support the industry"),
        _ => throw new ArgumentOutOfRangeException(nameof(d)),
    };
}
