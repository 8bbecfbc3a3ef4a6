using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Investigation.Workflows.Documents;

/// <summary>
/// A Chinese official document laid out after GB/T 9704-2012: on A4 with the standard margins (top 37 mm, binding side
/// 28 mm), the issuing organ's mark (发文机关标志) in red over a red rule, the document number (发文字号), the title, the
/// addressees (主送机关), the body in 3号仿宋 with a two-character first-line indent, and the signature (落款) with the date
/// in Arabic numerals. Fonts are named as the standard names them, each with the fallbacks Word uses where it is missing.
/// </summary>
public sealed record OfficialDocument(string Issuer, string Number, string Title, string Addressees, IReadOnlyList<DocumentSection> Sections,
    string Signature, DateOnly Date)
{
    // Font sizes in half-points: 初号 42 pt for the mark, 2号 22 pt for the title, 3号 16 pt for the body.
    private const string MarkSize = "84";
    private const string TitleSize = "44";
    private const string BodySize = "32";

    /// <summary>The fonts of GB/T 9704 (小标宋 for mark and title, 仿宋_GB2312 for the body, 黑体 for first-level headings) and their fallbacks.</summary>
    public static readonly IReadOnlyList<(string Name, string[] Fallbacks)> Fonts =
    [
        ("方正小标宋简体", ["华文中宋", "宋体", "Noto Serif CJK SC"]),
        ("仿宋_GB2312", ["仿宋", "FangSong", "STFangsong", "Noto Serif CJK SC"]),
        ("黑体", ["SimHei", "STHeiti", "Noto Sans CJK SC"]),
    ];

    public byte[] ToDocx()
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            AddFontTable(main);
            var body = new Body();
            body.Append(Line(Issuer + "文件", Fonts[0].Name, MarkSize, JustificationValues.Center, color: "FF0000", spacingAfter: "240"));
            body.Append(Line(Number, Fonts[1].Name, BodySize, JustificationValues.Center, redRule: true, spacingAfter: "480"));
            body.Append(Line(Title, Fonts[0].Name, TitleSize, JustificationValues.Center, spacingAfter: "240"));
            body.Append(Line(Addressees + "：", Fonts[1].Name, BodySize, JustificationValues.Left));
            foreach (var section in Sections)
            {
                if (section.Heading is { } heading)
                    body.Append(Line(heading, Fonts[2].Name, BodySize, JustificationValues.Left, indent: true));
                foreach (var text in section.Paragraphs)
                    body.Append(Line(text, Fonts[1].Name, BodySize, JustificationValues.Both, indent: true));
            }
            body.Append(Line("", Fonts[1].Name, BodySize, JustificationValues.Left));
            body.Append(Line(Signature, Fonts[1].Name, BodySize, JustificationValues.Right, rightIndent: "1280"));
            body.Append(Line($"{Date.Year}年{Date.Month}月{Date.Day}日", Fonts[1].Name, BodySize, JustificationValues.Right, rightIndent: "1280"));
            body.Append(new SectionProperties(
                new PageSize { Width = 11906U, Height = 16838U },
                // 37 mm top, 35 mm bottom, 28 mm binding side, 26 mm outer side.
                new PageMargin { Top = 2098, Bottom = 1984, Left = 1588U, Right = 1474U, Header = 851U, Footer = 992U, Gutter = 0U },
                new DocGrid { Type = DocGridValues.LinesAndChars, LinePitch = 579, CharacterSpace = 0 }));
            main.Document = new Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }

    private static Paragraph Line(string text, string font, string size, JustificationValues justification, string? color = null,
        bool redRule = false, bool indent = false, string? spacingAfter = null, string? rightIndent = null)
    {
        var properties = new ParagraphProperties(
            new SpacingBetweenLines { Line = "579", LineRule = LineSpacingRuleValues.Exact, After = spacingAfter ?? "0" },
            new Justification { Val = justification });
        if (indent) properties.Append(new Indentation { FirstLineChars = 200, FirstLine = "640" });
        if (rightIndent is not null) properties.Append(new Indentation { Right = rightIndent });
        if (redRule)
            properties.PrependChild(new ParagraphBorders(new BottomBorder { Val = BorderValues.Single, Color = "FF0000", Size = 12U, Space = 6U }));
        var runProperties = new RunProperties(
            new RunFonts { Ascii = font, HighAnsi = font, EastAsia = font, ComplexScript = font },
            new FontSize { Val = size }, new FontSizeComplexScript { Val = size });
        if (color is not null) runProperties.Append(new Color { Val = color });
        return new Paragraph(properties, new Run(runProperties, new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
    }

    /// <summary>The font table names each font with its alternatives (w:altName) and family, so a machine without it substitutes sensibly.</summary>
    private static void AddFontTable(MainDocumentPart main)
    {
        var part = main.AddNewPart<FontTablePart>();
        var table = new DocumentFormat.OpenXml.Wordprocessing.Fonts();
        foreach (var (name, fallbacks) in Fonts)
            table.Append(new Font(
                new AltName { Val = string.Join(",", fallbacks) },
                new FontCharSet { Val = "86" },
                new FontFamily { Val = name == "黑体" ? FontFamilyValues.Modern : FontFamilyValues.Roman },
                new Pitch { Val = FontPitchValues.Variable }) { Name = name });
        part.Fonts = table;
    }
}

/// <summary>A part of the body: an optional heading (一、…) and its paragraphs.</summary>
public sealed record DocumentSection(string? Heading, IReadOnlyList<string> Paragraphs);
