using Investigation.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Investigation.Web.Pages;

[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = "";
    public string Explanation { get; private set; } = "";

    public void OnGet(int? code) => Describe(code ?? 500);
    // From the route only: the form of a post re-executed here may be the body that was refused (413), and is not read again.
    public void OnPost([FromRoute] int? code) => Describe(code ?? 500);

    private void Describe(int code)
    {
        (Title, Explanation) = code switch
        {
            404 => (Text.T("未找到", "Not found"), Text.T("您要找的内容不存在，或您无权查看。", "What you asked for does not exist, or you may not see it.")),
            403 => (Text.T("无权访问", "Access denied"), Text.T("您的角色不能执行此操作。", "Your roles do not allow this.")),
            400 => (Text.T("请求无效", "Bad request"), Text.T("请求无效，请返回重试。", "The request was not valid; go back and try again.")),
            413 => (Text.T("内容过大", "Too large"), Text.T($"提交的内容（含上传文件）超过上限 {Infrastructure.BindingErrors.RefusedLimit(HttpContext) / 1024 / 1024} MB，未保存任何更改。",
                $"What was sent (uploaded files included) is over the limit of {Infrastructure.BindingErrors.RefusedLimit(HttpContext) / 1024 / 1024} MB; nothing was saved.")),
            _ => (Text.T("出错了", "Something went wrong"), Text.T("出现意外错误，未保存任何更改。", "An unexpected error occurred; nothing was saved.")),
        };
    }
}
