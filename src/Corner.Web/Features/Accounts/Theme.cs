using System.Security.Claims;
using Corner.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Corner.Web.Features.Accounts;

/// <summary>A person's choice of colours: follow the device, or always light, or always dark.</summary>
public static class Theme
{
    public const string System = "system";
    public const string Light = "light";
    public const string Dark = "dark";

    public static readonly string[] All = [System, Light, Dark];

    /// <summary>Carried in the sign-in cookie, so the layout can colour every page without reading the database.</summary>
    public const string ClaimType = "corner:theme";

    public static bool IsKnown(string? theme) => theme is System or Light or Dark;

    /// <summary>The signed-in person's theme, or <see cref="System"/> for visitors.</summary>
    public static string Of(ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimType) is { } theme && IsKnown(theme) ? theme : System;
}

/// <summary>Adds the person's theme to the claims Identity puts in the cookie (refreshed when they change it).</summary>
public sealed class ThemeClaimsPrincipalFactory(UserManager<Person> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<Person>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(Person user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(Theme.ClaimType, Theme.IsKnown(user.Theme) ? user.Theme : Theme.System));
        if (user.Kind == PersonKinds.Counsellor)
            identity.AddClaim(new Claim(Infrastructure.ClaimsPrincipalExtensions.KindClaimType, PersonKinds.Counsellor));
        return identity;
    }
}
