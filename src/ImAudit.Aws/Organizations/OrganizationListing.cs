using ImAudit.Engine;
using ImAudit.Engine.Inventory;
using Amazon.Runtime;
using ImAudit.Aws.Organizations.Model;
using ImAudit.Engine.Policies;

namespace ImAudit.Aws.Organizations;

/// <summary>
/// The organization as AWS Organizations describes it and every page of its accounts. Nothing is thrown for AWS's
/// answers: what could not be read is one line in <see cref="Errors"/> (a page that fails ends the list there; the
/// accounts before it are kept).
/// </summary>
public sealed record OrganizationListing(Model.Organization? Organization, IReadOnlyList<Account> Accounts, bool AccountsWhole, IReadOnlyList<string> Errors)
{
    public static async Task<OrganizationListing> ReadAsync(IAmazonOrganizations organizations, CancellationToken deadline)
    {
        var errors = new List<string>();
        Model.Organization? organization = null;
        try
        {
            organization = (await organizations.DescribeOrganizationAsync(new DescribeOrganizationRequest(), deadline).ConfigureAwait(false)).Organization;
        }
        catch (AmazonServiceException e)
        {
            errors.Add($"could not describe the organization: {e.ErrorCode}: {MessageText.OneLine(e.Message)}");
        }
        catch (Exception e) when (e is AmazonClientException or HttpRequestException)
        {
            errors.Add($"could not reach AWS Organizations: {MessageText.OneLine(e.Message)}");
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            errors.Add("the deadline passed before the organization was described");
        }
        var accounts = new List<Account>();
        var whole = false;
        string? token = null;
        do
        {
            try
            {
                var page = await organizations.ListAccountsAsync(new ListAccountsRequest { NextToken = token }, deadline).ConfigureAwait(false);
                accounts.AddRange(page.Accounts);
                token = string.IsNullOrEmpty(page.NextToken) ? null : page.NextToken;
                whole = token is null;
            }
            catch (AmazonServiceException e)
            {
                errors.Add($"could not list the organization's accounts{(accounts.Count > 0 ? $" past the first {accounts.Count}" : "")}: {e.ErrorCode}: {MessageText.OneLine(e.Message)}");
                break;
            }
            catch (Exception e) when (e is AmazonClientException or HttpRequestException)
            {
                errors.Add($"could not list the organization's accounts: AWS Organizations could not be reached: {MessageText.OneLine(e.Message)}");
                break;
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                errors.Add("the deadline passed while listing the organization's accounts");
                break;
            }
        }
        while (token is not null);
        return new OrganizationListing(organization, [.. accounts.DistinctBy(a => a.Id)], whole, errors);
    }

    /// <summary>What the engine knows of the organization: its id, ARN, management account and members (null when the list could not be read whole).</summary>
    public Engine.Inventory.Organization ToEngine() => new(Organization?.Id, Organization?.Arn, Organization?.MasterAccountId,
        AccountsWhole ? [.. Accounts.Select(a => new Engine.Inventory.OrganizationMember(a.Id, a.Name, a.Email, a.EffectiveState))] : null);
}
