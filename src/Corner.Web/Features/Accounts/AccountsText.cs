namespace Corner.Web.Features.Accounts;

/// <summary>Marker for the accounts feature's user-facing text in Resources/Features/Accounts/AccountsText.resx.</summary>
public sealed class AccountsText;
