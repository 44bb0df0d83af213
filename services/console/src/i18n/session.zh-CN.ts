/** The sign-in's texts (identity provider, session end) in Simplified Chinese; spread into messages.zh-CN.ts. */
export const sessionZhCN = {
  'oidc.explain': '请使用统一身份认证账号登录。登录后按账号的角色和所属单位进入控制台。',
  'oidc.signIn': '通过统一身份认证登录',
  'oidc.provider': '身份认证服务：{issuer}',
  'oidc.completing': '正在完成登录…',
  'oidc.tryAgain': '重新登录',
  'oidc.none.title': '控制台尚未接入身份认证服务',
  'oidc.none.explain': '本系统只接受身份认证服务 {issuer} 签发的令牌，但未配置控制台的客户端（OIDC_CLIENT_ID）。请联系系统管理员。',
  'oidc.error.insecure': '当前连接不安全，无法登录。',
  'oidc.error.insecure.action': '请通过 https 地址打开控制台。',
  'oidc.error.state': '登录请求已失效或不是从本页面发起的。',
  'oidc.error.state.action': '请重新登录。',
  'oidc.error.provider': '身份认证服务未完成登录。',
  'oidc.error.provider.action': '请重新登录；如仍失败，请联系系统管理员。',
  'oidc.error.token': '未能从身份认证服务取得令牌。',
  'oidc.error.token.action': '请稍后重新登录；如仍失败，请联系系统管理员。',
  'oidc.error.idToken': '身份认证服务返回的身份信息未通过校验。',
  'oidc.error.idToken.action': '请重新登录；如仍失败，请联系系统管理员。',
  'oidc.error.claims': '您的账号未分配本系统的角色或所属单位。',
  'oidc.error.claims.action': '请联系系统管理员在身份认证服务中为您分配角色（及工作站、成员单位或小区）。',
  'session.ended.expired': '登录已过期，请重新登录。您将回到刚才的页面。',
  'session.ended.refused': '系统不再接受您的登录凭证，请重新登录。',
} as const;

export type SessionMessageKey = keyof typeof sessionZhCN;
