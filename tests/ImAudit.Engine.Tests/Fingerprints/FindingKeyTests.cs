using System.Security.Cryptography;
using System.Text;
using ImAudit.Engine.Findings;

namespace ImAudit.Engine.Tests.Fingerprints;

public class FindingKeyTests
{
    [Fact]
    public void A_list_key_is_the_digest_of_the_items_joined_by_commas()
    {
        string[] items = ["arn:aws:iam::111122223333:role/a", new string('r', 5000), "ü"];
        var expected = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join(",", items))))[..32];

        Assert.Equal(expected, Finding.ListKey(items));
        Assert.NotEqual(Finding.ListKey(["a,b"]), Finding.ListKey(["a", "c"]));
    }

    [Fact]
    public void A_fingerprint_is_the_first_128_bits_of_the_digest_of_its_parts()
    {
        var key = new string('k', 3000);
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', "IMA301", "arn", "", "", key))))[..32];

        Assert.Equal(expected, Finding.FingerprintOf("IMA301", "arn", null, null, key));
    }
}
