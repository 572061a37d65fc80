using System.Text;
using ImAudit.Engine.Inventory;

namespace ImAudit.Engine.Tests.Inventory;

/// <summary>One reader for every input file <c>scan PATH</c> takes: it tells them apart by their shape.</summary>
public class InputFileTests
{
    private static InputFile Read(string json, Organization? organization = null) => InputFile.Read(Encoding.UTF8.GetBytes(json), "in.json", organization);

    [Fact]
    public void Tells_an_inventory_from_authorization_details()
    {
        var inventory = Read("""{"schemaVersion":"1","accountId":"111122223333"}""");
        var details = Read("""{"RoleDetailList":[{"RoleName":"ok","Arn":"arn:aws:iam::444455556666:role/ok"},{"RoleName":"no-arn"}]}""");

        Assert.Equal(("111122223333", null, null), (inventory.Inventory?.AccountId, inventory.Organization, inventory.Error));
        Assert.Equal("444455556666", details.Inventory?.AccountId);
        Assert.Equal(["ok"], details.Inventory!.Roles.Select(r => r.Name));
        Assert.Equal("/RoleDetailList/1: no `RoleName` or `Arn`; entry skipped", Assert.Single(details.Skipped));
    }

    [Fact]
    public void Organization_files_add_to_what_is_known()
    {
        var described = Read("""{"Organization":{"Id":"o-abc123","Arn":"arn:aws:organizations::111122223333:organization/o-abc123","MasterAccountId":"111122223333"}}""");
        var listed = Read("""{"Accounts":[{"Id":"444455556666","Name":"payments","State":"ACTIVE"}]}""", described.Organization);

        Assert.Null(listed.Inventory);
        Assert.Equal(("o-abc123", "111122223333"), (listed.Organization?.Id, listed.Organization?.ManagementAccountId));
        Assert.Equal(["444455556666"], listed.Organization!.Members!.Value.Select(m => m.Id));
    }

    [Theory]
    [InlineData("""{"schemaVersion":"1",""", "`in.json` line 1, byte 21 of the line: not valid JSON (")]
    [InlineData("""{"Users":[]}""", "`in.json` is neither an ImAudit inventory nor `aws iam get-account-authorization-details` output")]
    [InlineData("""{"schemaVersion":"9","accountId":"111122223333"}""", "`in.json` has inventory schema version `9`")]
    public void Says_in_one_line_what_is_wrong(string json, string message)
    {
        var read = Read(json);

        Assert.Equal((null, null), (read.Inventory, read.Organization));
        Assert.StartsWith(message, read.Error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', read.Error!);
    }
}
