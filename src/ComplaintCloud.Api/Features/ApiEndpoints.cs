using ComplaintCloud.Api.Features.ApiKeys.CreateApiKey;
using ComplaintCloud.Api.Features.Attachments.DownloadAttachment;
using ComplaintCloud.Api.Features.Attachments.ListAttachments;
using ComplaintCloud.Api.Features.Attachments.UploadAttachment;
using ComplaintCloud.Api.Features.Messages.ListMessages;
using ComplaintCloud.Api.Features.Messages.MoveMessage;
using ComplaintCloud.Api.Features.Messages.PostMessage;
using ComplaintCloud.Api.Features.Templates.ListTemplates;
using ComplaintCloud.Api.Features.Templates.PutTemplate;
using ComplaintCloud.Api.Features.ApiKeys.GetApiKey;
using ComplaintCloud.Api.Features.ApiKeys.ListApiKeys;
using ComplaintCloud.Api.Features.ApiKeys.RevokeApiKey;
using ComplaintCloud.Api.Features.Complaints.CreateComplaint;
using ComplaintCloud.Api.Features.Complaints.GetComplaint;
using ComplaintCloud.Api.Features.Complaints.ImportComplaints;
using ComplaintCloud.Api.Features.Complaints.ReceiveEmail;
using ComplaintCloud.Api.Features.Complaints.ListChangeFeed;
using ComplaintCloud.Api.Features.Complaints.ListComplaintEvents;
using ComplaintCloud.Api.Features.SlaTimers.GetComplaintSla;
using ComplaintCloud.Api.Features.Complaints.ListComplaints;
using ComplaintCloud.Api.Features.Complaints.PerformComplaintAction;
using ComplaintCloud.Api.Features.Complaints.UpdateComplaint;
using ComplaintCloud.Api.Features.ImportJobs.CancelImportJob;
using ComplaintCloud.Api.Features.ImportJobs.CreateImportJob;
using ComplaintCloud.Api.Features.ImportJobs.GetImportJob;
using ComplaintCloud.Api.Features.ImportJobs.ListImportJobErrors;
using ComplaintCloud.Api.Features.ImportJobs.ListImportJobs;
using ComplaintCloud.Api.Features.Reports.ReturnVisits;
using ComplaintCloud.Api.Features.Tenants.GetCurrentTenant;
using ComplaintCloud.Api.Features.Tenants.GetTenant;
using ComplaintCloud.Api.Features.Tenants.ProvisionTenant;
using ComplaintCloud.Api.Features.Tenants.UpdateCurrentTenant;
using ComplaintCloud.Api.Features.Departments.AddDepartmentMember;
using ComplaintCloud.Api.Features.Departments.CreateDepartment;
using ComplaintCloud.Api.Features.Departments.GetDepartment;
using ComplaintCloud.Api.Features.Departments.ListDepartments;
using ComplaintCloud.Api.Features.Departments.RemoveDepartmentMember;
using ComplaintCloud.Api.Features.Departments.UpdateDepartment;
using ComplaintCloud.Api.Features.Calendars.ComputeDue;
using ComplaintCloud.Api.Features.Calendars.ComputeElapsed;
using ComplaintCloud.Api.Features.Calendars.CreateCalendar;
using ComplaintCloud.Api.Features.Calendars.DeleteCalendar;
using ComplaintCloud.Api.Features.Calendars.GetCalendar;
using ComplaintCloud.Api.Features.Calendars.ImportHolidays;
using ComplaintCloud.Api.Features.Calendars.ListCalendars;
using ComplaintCloud.Api.Features.Calendars.UpdateCalendar;
using ComplaintCloud.Api.Features.Categories.CreateCategory;
using ComplaintCloud.Api.Features.Categories.GetCategory;
using ComplaintCloud.Api.Features.Categories.ListCategories;
using ComplaintCloud.Api.Features.Categories.UpdateCategory;
using ComplaintCloud.Api.Features.Settings.GetWorkflowSettings;
using ComplaintCloud.Api.Features.Settings.PutWorkflowSettings;
using ComplaintCloud.Api.Features.Escalation.CreateEscalationRule;
using ComplaintCloud.Api.Features.Escalation.DeleteEscalationRule;
using ComplaintCloud.Api.Features.Escalation.GetEscalationRule;
using ComplaintCloud.Api.Features.Escalation.ListEscalationRules;
using ComplaintCloud.Api.Features.Escalation.Preview;
using ComplaintCloud.Api.Features.Escalation.UpdateEscalationRule;
using ComplaintCloud.Api.Features.SlaPolicies.CreateSlaPolicy;
using ComplaintCloud.Api.Features.SlaPolicies.DeleteSlaPolicy;
using ComplaintCloud.Api.Features.SlaPolicies.GetSlaPolicy;
using ComplaintCloud.Api.Features.SlaPolicies.ListSlaPolicies;
using ComplaintCloud.Api.Features.SlaPolicies.UpdateSlaPolicy;
using ComplaintCloud.Api.Features.SlaPolicies.GetRegulatoryProfiles;
using ComplaintCloud.Api.Features.SlaPolicies.PutRegulatoryProfiles;
using ComplaintCloud.Api.Features.Users.CreateInvitation;
using ComplaintCloud.Api.Features.Users.GetInvitation;
using ComplaintCloud.Api.Features.Users.GetMember;
using ComplaintCloud.Api.Features.Users.ListInvitations;
using ComplaintCloud.Api.Features.Users.ListMembers;
using ComplaintCloud.Api.Features.Users.ResendInvitation;
using ComplaintCloud.Api.Features.Users.RevokeInvitation;

using ComplaintCloud.Api.Features.Webhooks.CreateWebhook;
using ComplaintCloud.Api.Features.Webhooks.ListWebhooks;
using ComplaintCloud.Api.Features.Webhooks.GetWebhook;
using ComplaintCloud.Api.Features.Webhooks.UpdateWebhook;
using ComplaintCloud.Api.Features.Webhooks.DeleteWebhook;
using ComplaintCloud.Api.Features.Webhooks.RotateWebhookSecret;
using ComplaintCloud.Api.Features.Webhooks.ListWebhookDeliveries;
using ComplaintCloud.Api.Features.Webhooks.ReplayWebhookDelivery;
using ComplaintCloud.Api.Features.Webhooks.ListWebhookEventTypes;

namespace ComplaintCloud.Api.Features;

/// <summary>The API surface: every slice's endpoint is mapped here under /api/v1.</summary>
public static class ApiEndpoints
{
    public static void MapApiEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1");

        api.MapProvisionTenant();
        api.MapGetTenant();

        api.MapGetCurrentTenant();
        api.MapUpdateCurrentTenant();

        api.MapListMembers();
        api.MapGetMember();
        api.MapCreateInvitation();
        api.MapListInvitations();
        api.MapGetInvitation();
        api.MapResendInvitation();
        api.MapRevokeInvitation();

        api.MapCreateApiKey();
        api.MapListApiKeys();
        api.MapGetApiKey();
        api.MapRevokeApiKey();

        api.MapCreateComplaint();
        api.MapListComplaints();
        api.MapGetComplaint();
        api.MapUpdateComplaint();
        api.MapListComplaintEvents();
        api.MapGetComplaintSla();
        api.MapPerformComplaintAction();
        api.MapImportComplaints();
        api.MapReceiveEmail();
        api.MapListChangeFeed();

        api.MapUploadAttachment();
        api.MapListAttachments();
        api.MapDownloadAttachment();
        api.MapPostMessage();
        api.MapListMessages();
        api.MapMoveMessage();
        api.MapListTemplates();
        api.MapPutTemplate();
        api.MapCreateImportJob();
        api.MapListImportJobs();
        api.MapGetImportJob();
        api.MapListImportJobErrors();
        api.MapCancelImportJob();

        api.MapListDepartments();
        api.MapCreateDepartment();
        api.MapGetDepartment();
        api.MapUpdateDepartment();
        api.MapAddDepartmentMember();
        api.MapRemoveDepartmentMember();
        api.MapListCategories();
        api.MapCreateCategory();
        api.MapGetCategory();
        api.MapUpdateCategory();
        api.MapListCalendars();
        api.MapCreateCalendar();
        api.MapGetCalendar();
        api.MapUpdateCalendar();
        api.MapDeleteCalendar();
        api.MapComputeDue();
        api.MapComputeElapsed();
        api.MapImportHolidays();
        api.MapGetWorkflowSettings();
        api.MapPutWorkflowSettings();
        api.MapListSlaPolicies();
        api.MapCreateSlaPolicy();
        api.MapGetSlaPolicy();
        api.MapUpdateSlaPolicy();
        api.MapDeleteSlaPolicy();
        api.MapGetRegulatoryProfiles();
        api.MapPutRegulatoryProfiles();
        api.MapListEscalationRules();
        api.MapCreateEscalationRule();
        api.MapGetEscalationRule();
        api.MapUpdateEscalationRule();
        api.MapDeleteEscalationRule();
        api.MapGetEscalationPreview();
        api.MapListWebhookEventTypes();
        api.MapListWebhooks();
        api.MapCreateWebhook();
        api.MapGetWebhook();
        api.MapUpdateWebhook();
        api.MapDeleteWebhook();
        api.MapRotateWebhookSecret();
        api.MapListWebhookDeliveries();
        api.MapReplayWebhookDelivery();

        api.MapReturnVisitReport();
    }
}
