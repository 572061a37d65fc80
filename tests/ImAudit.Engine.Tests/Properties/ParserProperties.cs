using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ImAudit.Engine.Policies;

namespace ImAudit.Engine.Tests.Properties;

/// <summary>Whatever the bytes, the parser answers with diagnostics: no exception, one-line messages.</summary>
public class ParserProperties
{
    private const string Valid = """
        {"Version":"2012-10-17","Id":"x","Statement":[{"Sid":"A","Effect":"Allow","Principal":{"AWS":["111122223333"]},
        "NotAction":["ssm-incidents:*"],"Resource":"arn:aws:ssm-incidents::111122223333:response-plan/${aws:username}",
        "Condition":{"ForAnyValue:StringLike":{"aws:TagKeys":["a*",1,true]},"Null":{"aws:SourceIp":"false"}}}]}
        """;

    private static readonly Gen<string> Mutated =
        from edits in Gen.Choose(1, 8)
        from positions in Gen.Choose(0, Valid.Length - 1).ArrayOf(edits)
        from kinds in Gen.Choose(0, 2).ArrayOf(edits)
        from chars in Gen.Elements('{', '}', '[', ']', '"', ',', ':', '\\', '*', 'x', '1', ' ', '%', '\u201c', '\0').ArrayOf(edits)
        select Mutate(positions, kinds, chars);

    private static string Mutate(int[] positions, int[] kinds, char[] chars)
    {
        var text = new StringBuilder(Valid);
        for (var i = 0; i < positions.Length; i++)
        {
            var at = Math.Min(positions[i], text.Length - 1);
            switch (kinds[i])
            {
                case 0: text.Insert(at, chars[i]); break;
                case 1: text.Remove(at, 1); break;
                default: text[at] = chars[i]; break;
            }
        }
        return text.ToString();
    }

    private static bool Answers(PolicyDocument document) =>
        document.Diagnostics.All(d => !d.Message.Contains('\n', StringComparison.Ordinal) && d.Code.Length > 0 && d.Location.Pointer is not null);

    [Property(MaxTest = 2000)]
    public Property Mutated_policies_never_throw() =>
        Prop.ForAll(Mutated.ToArbitrary(), Gen.Elements(PolicyKind.Identity, PolicyKind.Resource, PolicyKind.Trust).ToArbitrary(),
            (text, kind) => Answers(PolicyParser.Parse(text, kind)));

    [Property(MaxTest = 1000)]
    public Property Random_bytes_never_throw() =>
        Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), bytes => Answers(PolicyParser.Parse(bytes, PolicyKind.Identity)));

    [Property(MaxTest = 500)]
    public Property Url_encoded_mutations_never_throw() =>
        Prop.ForAll(Mutated.ToArbitrary(), text =>
        {
            var encoded = Uri.EscapeDataString(text.Replace("\0", "", StringComparison.Ordinal));
            return Answers(PolicyParser.Parse(Encoding.ASCII.GetBytes(encoded[..^Math.Min(2, encoded.Length - 1)]), PolicyKind.Identity));
        });
}
