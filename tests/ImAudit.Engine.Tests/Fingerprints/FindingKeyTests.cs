using System.Security.Cryptography;
using System.Text;
using ImAudit.Engine.Findings;

namespace ImAudit.Engine.Tests.Fingerprints;

public class FindingKeyTests
{
    // What ListKey computed before it hashed item by item: the digest of one joined copy. Fingerprints (and so
    // "first seen" and suppressions) of findings keyed by a list must not change with the faster computation.
    private static string Joined(string[] items) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join(",", items))))[..32];

    public static TheoryData<string[]> Lists => new()
    {
        Array.Empty<string>(),
        new[] { "arn:aws:iam::111122223333:role/a" },
        new[] { "a", "b" },
        // Under and over the 1,024-byte stack buffer, and multi-byte characters at its edge.
        new[] { new string('r', 1019), "ü" },
        new[] { "arn:aws:iam::111122223333:role/a", new string('r', 5000), "ü" },
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public void A_list_key_is_the_digest_of_the_items_joined_by_commas(string[] items) =>
        Assert.Equal(Joined(items), Finding.ListKey(items));

    [Fact]
    public void Items_are_kept_apart_so_lists_that_concatenate_alike_key_differently()
    {
        Assert.NotEqual(Finding.ListKey(["ab"]), Finding.ListKey(["a", "b"]));
        Assert.NotEqual(Finding.ListKey(["a", "b"]), Finding.ListKey(["a", "b", ""]));
        // The cost of keeping the joined form: a comma inside an item is not escaped. The rules' lists hold ARNs and
        // action names, which have no commas.
        Assert.Equal(Finding.ListKey(["a", "b"]), Finding.ListKey(["a,b"]));
    }

    [Fact]
    public void A_fingerprint_is_the_first_128_bits_of_the_digest_of_its_parts()
    {
        var key = new string('k', 3000);
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', "IMA301", "arn", "", "", key))))[..32];

        Assert.Equal(expected, Finding.FingerprintOf("IMA301", "arn", null, null, key));
    }
}
