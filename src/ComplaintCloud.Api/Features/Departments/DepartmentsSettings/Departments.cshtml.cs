using System.ComponentModel.DataAnnotations;
using ComplaintCloud.Api.Features.Departments.CreateDepartment;
using ComplaintCloud.Api.Features.Departments.ListDepartments;
using ComplaintCloud.Api.Features.Departments.Shared;
using ComplaintCloud.Api.Features.Departments.UpdateDepartment;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplaintCloud.Api.Features.Departments.DepartmentsSettings;

/// <summary>Settings → Departments: list with member counts, create, rename/describe and archive, through the API's commands.</summary>
[Authorize(Policy = Policies.AdminUser)]
public sealed class DepartmentsModel(ISender sender) : PageModel
{
    public CursorPage<DepartmentSummary> Departments { get; private set; } = new([], null);
    [BindProperty] public NewDepartmentInput NewDepartment { get; set; } = new();
    /// <summary>The row the last post was about and why it was refused, shown in that row.</summary>
    public Guid? EditedId { get; private set; }
    public string? RowError { get; private set; }

    public sealed class NewDepartmentInput
    {
        [Required, StringLength(DepartmentRules.NameMaxLength)] public string Name { get; set; } = "";
        [StringLength(DepartmentRules.DescriptionMaxLength)] public string? Description { get; set; }
    }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var (ok, _) = await sender.TrySendAsync(new CreateDepartmentCommand(NewDepartment.Name, NewDepartment.Description),
                ModelState, nameof(NewDepartment), ct);
            if (ok)
            {
                NewDepartment = new NewDepartmentInput();
                ModelState.Clear();
            }
        }
        await LoadAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostUpdateAsync(Guid id, string? name, string? description, CancellationToken ct) =>
        RowAfterAsync(id, new UpdateDepartmentCommand(id, name ?? "", description ?? "", null), ct);

    public Task<IActionResult> OnPostArchivedAsync(Guid id, bool archived, CancellationToken ct) =>
        RowAfterAsync(id, new UpdateDepartmentCommand(id, null, null, archived), ct);

    // The page is rendered whole; htmx swaps in only the row (hx-select), which carries a refusal's reason.
    private async Task<IActionResult> RowAfterAsync(Guid id, UpdateDepartmentCommand command, CancellationToken ct)
    {
        ModelState.Clear(); // the create form's empty fields are not this post's business
        var (ok, _) = await sender.TrySendAsync(command, ModelState, "", ct);
        EditedId = id;
        RowError = ok ? null : ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).FirstOrDefault();
        ModelState.Clear();
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Departments = await sender.Send(new ListDepartmentsQuery(PageRequest.From(PageRequest.MaxLimit, null)), ct);
}
