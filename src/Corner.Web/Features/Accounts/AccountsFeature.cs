namespace Corner.Web.Features.Accounts;

public static class AccountsFeature
{
    public static IServiceCollection AddAccounts(this IServiceCollection services) => services;

    public static RouteGroupBuilder MapAccountsApi(this RouteGroupBuilder api, IEndpointRouteBuilder app) => api;
}
