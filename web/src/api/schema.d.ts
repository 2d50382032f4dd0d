// Generated from docs/openapi.json by `npm run openapi` (openapi-typescript): do not edit.

export interface paths {
    "/api/v1/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 健康检查 / health */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 登录 / sign in */
        post: operations["signIn"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 退出 / sign out
         * @description Ends the session. After an OpenID Connect sign-in whose provider offers end-session, answers 200 with the provider’s address to send the browser to (RP-initiated logout); otherwise 204.
         */
        post: operations["signOut"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 当前用户 / who am I */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** 撤销 API 令牌 / revoke an API token */
        delete: operations["revokeOwnToken"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sso": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 单点登录方式 / the directories people can sign in through */
        get: operations["listSignInProviders"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sso/{source}/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 跳转到企业微信/钉钉/飞书或 OpenID 身份提供方登录 / go to the platform or identity provider to sign in */
        get: operations["startDirectorySignIn"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sso/{source}/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 企业微信/钉钉/飞书登录回调 / the platform sends the browser back here */
        get: operations["finishDirectorySignIn"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/account/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 修改自己的密码 / change your own password */
        post: operations["changePassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/account/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 我的会话 / my sessions */
        get: operations["listSessions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/account/sessions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** 结束我的一个会话 / end one of my sessions */
        delete: operations["endSession"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/account/totp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 动态验证码状态 / second factor status */
        get: operations["getSecondFactor"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/account/totp/setup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 开始绑定动态验证码 / start second-factor enrolment */
        post: operations["startSecondFactorSetup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/account/totp/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 确认绑定 / confirm enrolment with a first code */
        post: operations["confirmSecondFactor"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/account/totp/remove": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 解除动态验证码 / remove your second factor */
        post: operations["removeSecondFactor"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/procedures": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 可提交的流程 / procedures open for submission */
        get: operations["listPublicProcedures"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/org-units": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 可选择的受理单位 / units a matter can be addressed to */
        get: operations["listPublicOrgUnits"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/cases": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 提交投诉、建议或举报 / submit a case */
        post: operations["submitCase"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/cases/{trackingNo}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 查询办理进度 / status and public timeline */
        get: operations["trackCase"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/cases/{trackingNo}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 给处理人员留言或补充材料 / write to the handler or add material */
        post: operations["sendSubmitterMessage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/cases/{trackingNo}/retaliation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 反映遭受打击报复 / flag retaliation (CON-3) */
        post: operations["reportRetaliation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/cases/{trackingNo}/appeal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 申诉 / appeal with reasons (APL-1) */
        post: operations["appealCase"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/cases/{trackingNo}/actions/{action}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 提交人操作（评价、撤回等）/ the submitter acts */
        post: operations["performSubmitterAction"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 案件列表 / the inbox */
        get: operations["listCases"];
        put?: never;
        /** 代为登记（电话、来访、信件、第三方）/ staff intake */
        post: operations["registerCase"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/bulk": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 批量操作（指定责任人、催办、按重复投诉办结）/ one step on many cases */
        post: operations["bulkCaseAction"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/bulk/assignees": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 可指定为所有所选案件责任人的人员 / who may be responsible for all these cases */
        get: operations["bulkAssignees"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 案件详情 / a case */
        get: operations["getCase"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{id}/seen": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 标记已查看 / the caller has seen the case at this version */
        post: operations["markCaseSeen"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{id}/identity": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 查看投诉人身份（记入审计）/ reveal the submitter (audited) */
        post: operations["revealSubmitter"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{id}/same-submitter": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 同一投诉人的其他案件 / other cases of the same submitter */
        get: operations["listSameSubmitterCases"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{id}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 给投诉人留言（投诉人可见）/ write to the submitter */
        post: operations["messageSubmitter"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{id}/respondents/{index}/link": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 关联被投诉人（回避）/ link a respondent to a user or unit (recusal) */
        post: operations["linkRespondent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{id}/eligible-users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 可指定的人员 / people who may be named in an action input */
        get: operations["listEligibleUsers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{id}/recusal-matches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 回避（含自动匹配）/ recusals of a case */
        get: operations["listRecusals"];
        put?: never;
        /** 确认或撤销自动匹配的回避 / confirm or clear a suggested recusal */
        post: operations["decideRecusalMatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{id}/links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 关联案件（重复、重复投诉、相关）/ link to an earlier case */
        post: operations["linkCases"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{id}/actions/{action}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 办理操作 / take an action */
        post: operations["performAction"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/calendar": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 工作日历 / the calendar in force */
        get: operations["getCalendar"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/calendar": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 导入节假日安排 / add days off, make-up days and covered years */
        post: operations["importCalendar"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/supervision": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 督办：下级单位的超期和临期案件 / overdue and at-risk cases below you */
        get: operations["getSupervision"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/supervision/cases/{id}/urge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 催办 / urge */
        post: operations["urgeCase"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/supervision/cases/{id}/take-over": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 接管 / take over */
        post: operations["takeOverCase"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/org-units": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 组织单元 / org units */
        get: operations["listOrgUnits"];
        put?: never;
        /** 添加组织单元 / add an org unit */
        post: operations["createOrgUnit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 用户及其角色 / users and their grants */
        get: operations["listUsers"];
        put?: never;
        /** 添加用户 / add a user */
        post: operations["createUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/doctor": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 组织体检 / organisation health check */
        get: operations["runDoctor"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/procedures/{id}/intake-unit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** 流程的受理单位 / the intake unit of a procedure */
        put: operations["setIntakeUnit"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/users/{id}/grants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 用户的角色 / the grants of a user */
        get: operations["listGrants"];
        put?: never;
        /** 授予角色 / grant a role */
        post: operations["addGrant"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/grants/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** 撤销角色 / revoke a grant */
        delete: operations["removeGrant"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/users/{id}/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 停用账号 / disable an account */
        post: operations["disableUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/users/{id}/enable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 重新启用账号 / re-enable an account */
        post: operations["enableUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/users/{id}/reset-password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 重置密码（一次性）/ reset to a one-time password */
        post: operations["resetPassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/users/{id}/reset-second-factor": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 解除用户的动态验证码 / remove a user’s second factor */
        post: operations["resetSecondFactor"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/throttles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 登录限制 / sign-in throttles */
        get: operations["listThrottles"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/throttles/clear": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 清除登录限制 / clear sign-in throttles */
        post: operations["clearThrottle"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/directory": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 组织目录：目录、映射规则、上次同步 / directories, mapping rules, last sync */
        get: operations["getDirectoryOverview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/directory/sources/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * 配置目录 / configure a directory
         * @description The settings of one PLAINT_DIRECTORY_SOURCES entry (docs/sso.md), without rules; a secret left out keeps the stored one.
         */
        put: operations["saveDirectorySource"];
        post?: never;
        /** 删除目录配置 / remove a directory */
        delete: operations["removeDirectorySource"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/directory/sources/{name}/sync": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 同步或预演同步 / sync a directory, or a dry run of it */
        post: operations["syncDirectorySource"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/directory/rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 添加映射规则 / add a mapping rule */
        post: operations["addDirectoryRule"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/directory/rules/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** 删除映射规则 / remove a mapping rule */
        delete: operations["removeDirectoryRule"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/canned-replies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 常用回复模板 / canned reply templates */
        get: operations["listCannedReplies"];
        put?: never;
        /** 添加常用回复 / add a canned reply */
        post: operations["addCannedReply"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/canned-replies/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** 修改常用回复 / change a canned reply */
        put: operations["changeCannedReply"];
        post?: never;
        /** 删除常用回复 / delete a canned reply */
        delete: operations["removeCannedReply"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{id}/canned-replies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 本案可用的常用回复（已填入案件信息）/ canned replies for this case, filled in */
        get: operations["caseCannedReplies"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/procedures": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 流程及其版本 / procedures and their versions */
        get: operations["listProcedures"];
        put?: never;
        /**
         * 上传新版本（YAML），或仅校验 / upload a new version (YAML), or only validate it
         * @description Problems come back as 400 VALIDATION_FAILED with details.issues[] = { path, line, message }; a version not above the latest, or a recorded version with other content, is 409 CONFLICT.
         */
        post: operations["importProcedure"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/procedures/{id}/versions/{version}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 某版本的定义 / one version’s definition */
        get: operations["getProcedureVersion"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/procedures/{id}/categories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 添加分类（生成新版本）/ add a category (a new version) */
        post: operations["addCategory"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/procedures/{id}/categories/{category}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** 删除分类（生成新版本）/ remove a category (a new version) */
        delete: operations["retireCategory"];
        options?: never;
        head?: never;
        /** 重命名分类（生成新版本）/ rename a category (a new version) */
        patch: operations["updateCategory"];
        trace?: never;
    };
    "/api/v1/admin/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** API 令牌 / API tokens */
        get: operations["listTokens"];
        put?: never;
        /** 创建 API 令牌（仅显示一次）/ create an API token (shown once) */
        post: operations["createToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** 撤销 API 令牌 / revoke an API token */
        delete: operations["revokeToken"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 审计记录 / the audit record */
        get: operations["listAudit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 校验审计链 / verify the chain end to end */
        get: operations["verifyAuditChain"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{id}/attachments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 上传附件 / attach a file (field "visibility": internal|public) */
        post: operations["uploadAttachment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{id}/attachments/{attachment}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 下载附件 / download an attachment */
        get: operations["downloadAttachment"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/cases/{trackingNo}/attachments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 补充证据材料（文件）/ add evidence */
        post: operations["uploadSubmitterAttachment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/cases/{trackingNo}/attachments/{attachment}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 下载附件 / download an attachment */
        get: operations["downloadSubmitterAttachment"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/cases/{trackingNo}/data-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 个人信息请求及答复 / your personal-data requests and their answers */
        get: operations["listOwnDataRequests"];
        put?: never;
        /** 查阅、更正或删除个人信息 / ask to see, correct or delete your personal data */
        post: operations["requestOwnData"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{id}/hold": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 诉讼保全 / put on legal hold */
        post: operations["placeHold"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{id}/release": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 解除保全 / release the hold */
        post: operations["releaseHold"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/holds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 按条件批量保全 / hold every matching case */
        post: operations["placeHolds"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{id}/data-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 代为提出个人信息请求 / a personal-data request on the submitter's behalf */
        post: operations["requestCaseData"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/data-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 个人信息请求 / personal-data requests to answer */
        get: operations["listDataRequests"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/data-requests/{id}/answer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 答复个人信息请求 / answer a request */
        post: operations["answerDataRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{id}/archive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 案件归档材料（ZIP）/ the case file */
        get: operations["exportCaseArchive"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/archive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 按期间或单位导出归档材料 / case files of a period or unit */
        get: operations["exportArchive"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 我的通知 / my notifications */
        get: operations["listNotifications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/{id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 标为已读 / mark read */
        post: operations["markNotificationRead"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 通知投递（待发、失败）/ notice deliveries: pending and dead */
        get: operations["listDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/deliveries/{id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 重新投递 / send a dead delivery again */
        post: operations["retryDelivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/disclosures": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 投诉信息公示 / published complaints (search by business and category) */
        get: operations["listPublishedDisclosures"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{id}/disclosure": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 提出公示（自动去除个人信息）/ propose publishing a handled case */
        post: operations["proposeDisclosure"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/disclosures": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 公示审核列表 / disclosures of the cases you see */
        get: operations["listDisclosures"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/disclosures/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 公示详情 / one disclosure */
        get: operations["getDisclosure"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** 审核修改公示内容 / review and edit the redacted text */
        patch: operations["editDisclosure"];
        trace?: never;
    };
    "/api/v1/disclosures/{id}/notify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 告知被投诉经营者 / tell the business first */
        post: operations["notifyDisclosure"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/disclosures/{id}/publish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 发布公示 / publish */
        post: operations["publishDisclosure"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/disclosures/{id}/unpublish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 撤下公示 / take down, with a reason */
        post: operations["unpublishDisclosure"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/improvements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 改进措施（本单位及下级）/ improvement actions of your units */
        get: operations["listImprovements"];
        put?: never;
        /** 新建纠正措施或培训 / create a corrective action or training item */
        post: operations["createImprovement"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/improvements/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 改进措施 / one improvement action */
        get: operations["getImprovement"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** 更新改进措施（状态、负责人、期限、关联案件）/ update */
        patch: operations["updateImprovement"];
        trace?: never;
    };
    "/api/v1/public/surveys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 匿名问卷 / an anonymous survey */
        get: operations["getSurvey"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/surveys/{id}/responses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 匿名作答（一次性答卷码）/ answer anonymously with a one-time code */
        post: operations["answerSurvey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/surveys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 员工满意度问卷 / surveys of your units */
        get: operations["listSurveys"];
        put?: never;
        /** 发起匿名问卷（返回一次性答卷码）/ create a survey and its one-time codes */
        post: operations["createSurvey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/surveys/{id}/results": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 问卷结果 / results */
        get: operations["getSurveyResults"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 统计分析 / statistics */
        get: operations["getStatistics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hotspots": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 热点 / hotspots */
        get: operations["listHotspots"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{id}/suggestions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 分类、严重程度、承办单位建议 / suggested category, severity and unit */
        get: operations["getCaseSuggestions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{id}/suggestions/{field}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 采纳或改选建议 / record taking or setting aside a suggestion
         * @description Records what staff chose for the field against what is suggested now (accepted when equal), for the acceptance rate; audited. The change itself is made by the procedure’s action.
         */
        post: operations["decideSuggestion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{id}/similar": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 可能重复的投诉 / possible duplicates */
        get: operations["listSimilarCases"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/stats/suggestions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 建议采纳率 / acceptance rate of suggestions */
        get: operations["getSuggestionAcceptance"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 月度统计报告 / monthly reports */
        get: operations["listReports"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 一份月度报告 / a monthly report */
        get: operations["getReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        DirectoryRuleInput: {
            id: string;
            source: string;
            group: string | null;
            department: string | null;
            role: string;
            unit: string | null;
            createdAt: string;
        };
        DirectorySourceInput: {
            name: string;
            /** @enum {string} */
            kind: "wecom" | "ldap" | "dingtalk" | "feishu" | "oidc";
            /**
             * @description env: PLAINT_DIRECTORY_SOURCES (read-only here); admin: this page
             * @enum {string}
             */
            origin: "env" | "admin";
            /** @description the settings without secrets and rules */
            settings: {
                [key: string]: unknown;
            };
            /** @description rules written in PLAINT_DIRECTORY_SOURCES */
            settingsRules: {
                group?: string;
                department?: string;
                role: string;
                unit?: string;
            }[];
            lastRun: {
                startedAt: string;
                finishedAt: string | null;
                /** @enum {string} */
                trigger: "scheduled" | "admin";
                /** @description a sync’s report / 同步报告 */
                report: {
                    source: string;
                    dryRun: boolean;
                    /** @description how many of each kind of change */
                    counts: {
                        unitsCreated: number;
                        unitsRenamed: number;
                        unitsMoved: number;
                        usersCreated: number;
                        usersUpdated: number;
                        usersDeactivated: number;
                        usersReactivated: number;
                        grantsAdded: number;
                        /** @description rules naming a unit that is neither synced nor an org unit (skipped) */
                        unknownUnits: number;
                    };
                    /** @description up to 50 names per kind of change */
                    samples: {
                        [key: string]: string[];
                    };
                } | null;
                error: string | null;
            } | null;
        };
        /** @description Every answer ≥ 400 / 所有错误应答 */
        Error: {
            error: {
                /** @description 机器可读的错误码 / machine-readable code, e.g. VALIDATION_FAILED (src/domain/errors.ts) */
                code: string;
                /** @description 中文 / English, for people */
                message: string;
                /** @description null or an object: validation issues, retryAfterSeconds, allowed actions … (depends on code) */
                details: unknown;
            };
        };
        DirectoryRule: {
            id: string;
            source: string;
            group: string | null;
            department: string | null;
            role: string;
            unit: string | null;
            createdAt: string;
        };
        DirectorySource: {
            name: string;
            /** @enum {string} */
            kind: "wecom" | "ldap" | "dingtalk" | "feishu" | "oidc";
            /**
             * @description env: PLAINT_DIRECTORY_SOURCES (read-only here); admin: this page
             * @enum {string}
             */
            origin: "env" | "admin";
            /** @description the settings without secrets and rules */
            settings: {
                [key: string]: unknown;
            };
            /** @description rules written in PLAINT_DIRECTORY_SOURCES */
            settingsRules: {
                group?: string;
                department?: string;
                role: string;
                unit?: string;
            }[];
            lastRun: {
                startedAt: string;
                finishedAt: string | null;
                /** @enum {string} */
                trigger: "scheduled" | "admin";
                /** @description a sync’s report / 同步报告 */
                report: {
                    source: string;
                    dryRun: boolean;
                    /** @description how many of each kind of change */
                    counts: {
                        unitsCreated: number;
                        unitsRenamed: number;
                        unitsMoved: number;
                        usersCreated: number;
                        usersUpdated: number;
                        usersDeactivated: number;
                        usersReactivated: number;
                        grantsAdded: number;
                        /** @description rules naming a unit that is neither synced nor an org unit (skipped) */
                        unknownUnits: number;
                    };
                    /** @description up to 50 names per kind of change */
                    samples: {
                        [key: string]: string[];
                    };
                } | null;
                error: string | null;
            } | null;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the database answers */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ok";
                        /** @description sqlite or postgres */
                        database: string;
                        /** @description the server clock (ISO 8601) */
                        time: string;
                        /** @enum {string} */
                        databaseStatus: "up";
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description the database does not answer; Retry-After: 5 */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "unavailable";
                        /** @description sqlite or postgres */
                        database: string;
                        /** @description the server clock (ISO 8601) */
                        time: string;
                        /** @enum {string} */
                        databaseStatus: "down";
                        error: {
                            /** @description 机器可读的错误码 / machine-readable code, e.g. VALIDATION_FAILED (src/domain/errors.ts) */
                            code: string;
                            /** @description 中文 / English, for people */
                            message: string;
                            /** @description null or an object: validation issues, retryAfterSeconds, allowed actions … (depends on code) */
                            details: unknown;
                        };
                    } | components["schemas"]["Error"];
                };
            };
        };
    };
    signIn: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    username: string;
                    password: string;
                    code?: string;
                };
            };
        };
        responses: {
            /** @description signed in: the session cookie is set */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        user: {
                            id: string;
                            username: string;
                            displayName: string;
                        };
                        expiresAt: string;
                        mustChangePassword: boolean;
                        secondFactorSetupRequired: boolean;
                        /** @description send it as X-CSRF-Token with every write of this session */
                        csrfToken: string;
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description RATE_LIMITED: too many requests; the Retry-After header says when to retry */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    signOut: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description signed out here; now sign out at the identity provider */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the provider’s end_session_endpoint, with id_token_hint */
                        endSessionUrl: string;
                    };
                };
            };
            /** @description no content / 无内容 */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the caller */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        username: string;
                        displayName: string;
                        grants: {
                            role: string;
                            unitId: string | null;
                            unitPath: string | null;
                        }[];
                        isAdmin: boolean;
                        canSeeStats: boolean;
                        canSupervise: boolean;
                        mustChangePassword: boolean;
                        secondFactor: {
                            enabled: boolean;
                            required: boolean;
                        };
                        /** @description with a session (not with a bearer token): send it as X-CSRF-Token */
                        csrfToken?: string;
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    revokeOwnToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id (26-character ULID unless stated otherwise) of the thing the path names */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description no content / 无内容 */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listSignInProviders: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            name: string;
                            /** @enum {string} */
                            kind: "wecom" | "dingtalk" | "feishu" | "oidc";
                            /** @description an OpenID provider’s button text */
                            label?: string;
                        }[];
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    startDirectorySignIn: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the directory source name (PLAINT_DIRECTORY_SOURCES) */
                source: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description redirect (Location) / 跳转 */
            302: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    finishDirectorySignIn: {
        parameters: {
            query: {
                /** @description the authorisation code (企业微信, 飞书, OpenID) */
                code?: string;
                /** @description the authorisation code (钉钉) */
                authCode?: string;
                /** @description the state sent with the redirect */
                state: string;
                /** @description the app id some platforms send back */
                appid?: string;
                /** @description the issuer (OpenID, RFC 9207) */
                iss?: string;
                /** @description OpenID session management */
                session_state?: string;
                /** @description an OpenID provider’s error */
                error?: string;
                /** @description the provider’s words about its error */
                error_description?: string;
            };
            header?: never;
            path: {
                /** @description the directory source name (PLAINT_DIRECTORY_SOURCES) */
                source: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description a page that continues into the app */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                    "text/html": string;
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                    "text/html": string;
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                    "text/html": string;
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                    "text/html": string;
                };
            };
        };
    };
    changePassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    oldPassword: string;
                    newPassword: string;
                };
            };
        };
        responses: {
            /** @description no content / 无内容 */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listSessions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the sessions of the caller */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @description 24 hex characters: end it with endSession */
                            id: string;
                            createdAt: string;
                            lastSeenAt: string;
                            expiresAt: string;
                            userAgent: string | null;
                            /** @description the session of this request */
                            current: boolean;
                        }[];
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    endSession: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id (26-character ULID unless stated otherwise) of the thing the path names */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description no content / 无内容 */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getSecondFactor: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the caller’s second factor */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        enabled: boolean;
                        enabledAt: string | null;
                        /** @description a role of the caller requires it (PLAINT_2FA_REQUIRED) */
                        required: boolean;
                        recoveryCodesLeft: number;
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    startSecondFactorSetup: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the secret to scan; confirm it with a first code */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description base32 */
                        secret: string;
                        otpauthUrl: string;
                        /** @description the otpauth URL as an SVG QR code */
                        qrSvg: string;
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    confirmSecondFactor: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    code: string;
                };
            };
        };
        responses: {
            /** @description enrolled: the recovery codes, shown once */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        recoveryCodes: string[];
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    removeSecondFactor: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    password: string;
                };
            };
        };
        responses: {
            /** @description no content / 无内容 */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listPublicProcedures: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the procedures */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            version: number;
                            name: {
                                "zh-CN": string;
                                en?: string;
                            };
                            description: {
                                "zh-CN": string;
                                en?: string;
                            } | null;
                            kinds: ("complaint" | "suggestion" | "report" | "appeal")[];
                            categories: {
                                id: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                            }[];
                            severities: {
                                id: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                            }[];
                            requireTruthAffirmation: boolean;
                            /** @default [] */
                            require: ("occurredAt" | "location" | "requestedOutcome" | "respondents" | "category")[];
                            /** @default {} */
                            requireByKind: {
                                [key: string]: ("occurredAt" | "location" | "requestedOutcome" | "respondents" | "category")[];
                            };
                            fields: ({
                                name: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                required: boolean;
                                sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                help?: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                public: boolean;
                                kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                roles?: string[];
                                /** @enum {string} */
                                type: "text";
                                /** @default 500 */
                                maxLength: number;
                            } | {
                                name: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                required: boolean;
                                sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                help?: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                public: boolean;
                                kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                roles?: string[];
                                /** @enum {string} */
                                type: "longtext";
                                /** @default 20000 */
                                maxLength: number;
                            } | {
                                name: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                required: boolean;
                                sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                help?: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                public: boolean;
                                kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                roles?: string[];
                                /** @enum {string} */
                                type: "enum";
                                options: {
                                    id: string;
                                    label: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                }[];
                            } | {
                                name: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                required: boolean;
                                sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                help?: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                public: boolean;
                                kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                roles?: string[];
                                /** @enum {string} */
                                type: "category";
                            } | {
                                name: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                required: boolean;
                                sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                help?: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                public: boolean;
                                kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                roles?: string[];
                                /** @enum {string} */
                                type: "severity";
                            } | {
                                name: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                required: boolean;
                                sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                help?: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                public: boolean;
                                kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                roles?: string[];
                                /** @enum {string} */
                                type: "user";
                            } | {
                                name: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                required: boolean;
                                sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                help?: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                public: boolean;
                                kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                roles?: string[];
                                /** @enum {string} */
                                type: "unit";
                            } | {
                                name: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                required: boolean;
                                sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                help?: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                public: boolean;
                                kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                roles?: string[];
                                /** @enum {string} */
                                type: "date";
                                /** @default false */
                                notPast: boolean;
                            } | {
                                name: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                required: boolean;
                                sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                help?: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                public: boolean;
                                kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                roles?: string[];
                                /** @enum {string} */
                                type: "datetime";
                            } | {
                                name: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                required: boolean;
                                sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                help?: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                public: boolean;
                                kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                roles?: string[];
                                /** @enum {string} */
                                type: "integer";
                                min?: number;
                                max?: number;
                            } | {
                                name: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                required: boolean;
                                sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                help?: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                public: boolean;
                                kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                roles?: string[];
                                /** @enum {string} */
                                type: "number";
                                min?: number;
                                max?: number;
                            } | {
                                name: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                required: boolean;
                                sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                help?: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                public: boolean;
                                kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                roles?: string[];
                                /** @enum {string} */
                                type: "boolean";
                                /** @default false */
                                mustBeTrue: boolean;
                            } | {
                                name: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                required: boolean;
                                sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                help?: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                public: boolean;
                                kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                roles?: string[];
                                /** @enum {string} */
                                type: "rating";
                                /** @default 5 */
                                max: number;
                            })[];
                            /** @description whether the submitter chooses the unit (listPublicOrgUnits) */
                            unit: {
                                /** @enum {string} */
                                choose: "required" | "optional";
                                level?: number;
                            } | null;
                            channels: ("web" | "email" | "phone" | "walk-in" | "letter" | "fax" | "wechat" | "box" | "third-party" | "api")[];
                            states: {
                                id: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                            }[];
                        }[];
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listPublicOrgUnits: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description every unit */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            name: string;
                            parentId: string | null;
                            level: number;
                        }[];
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    submitCase: {
        parameters: {
            query?: never;
            header?: {
                /** @description retry safely: the same key with the same body answers the first result again; a different body 422 (1–200 visible ASCII) */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "procedure": "customer-complaint",
                 *       "kind": "complaint",
                 *       "subject": "新买的冰箱不制冷",
                 *       "description": "11月20日在人民路门店购买的冰箱，送货到家后第二天就不制冷了，多次打电话无人处理。",
                 *       "anonymous": false,
                 *       "submitter": {
                 *         "name": "张三",
                 *         "phone": "13812345678",
                 *         "email": "zhangsan@example.com"
                 *       },
                 *       "respondents": [
                 *         {
                 *           "name": "人民路门店",
                 *           "type": "business"
                 *         }
                 *       ],
                 *       "occurredAt": "2026-11-21T09:00:00+08:00",
                 *       "location": "上海市人民路 100 号",
                 *       "requestedOutcome": "更换一台新冰箱",
                 *       "fields": {
                 *         "orderNo": "SO-20261120-0042",
                 *         "productName": "双门冰箱 BCD-300",
                 *         "store": "人民路门店"
                 *       },
                 *       "affirmTruthful": true
                 *     }
                 */
                "application/json": {
                    procedure: string;
                    /** @enum {string} */
                    kind: "complaint" | "suggestion" | "report" | "appeal";
                    category?: string;
                    severity?: string;
                    subject: string;
                    description: string;
                    anonymous: boolean;
                    submitter?: {
                        name: string;
                        phone?: string;
                        /** Format: email */
                        email?: string;
                        idNumber?: string;
                        address?: string;
                    };
                    respondents?: {
                        name: string;
                        /** @enum {string} */
                        type: "person" | "department" | "business";
                    }[];
                    /** Format: date-time */
                    occurredAt?: string;
                    location?: string;
                    requestedOutcome?: string;
                    fields?: {
                        [key: string]: unknown;
                    };
                    affirmTruthful?: boolean;
                    orgUnit?: string;
                };
            };
        };
        responses: {
            /** @description submitted: keep the receipt, it is shown once */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description 查询码 */
                        trackingNo: string;
                        /** @description 回执码: shown once, only a keyed hash is stored */
                        receipt: string;
                        status: string;
                        deadlines: {
                            /** @description the clock id of the procedure */
                            clock: string;
                            /** @description ISO 8601 */
                            dueAt: string;
                            /** @description the calendar of that year is not yet published: the date may move */
                            provisional: boolean;
                            label: {
                                "zh-CN": string;
                                en?: string;
                            };
                            /** @description what stops this clock (e.g. waiting for the submitter) */
                            stoppedBy: {
                                "zh-CN": string;
                                en?: string;
                            }[];
                        }[];
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description RATE_LIMITED: too many requests; the Retry-After header says when to retry */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    trackCase: {
        parameters: {
            query?: never;
            header: {
                /** @description 回执码 / the receipt given at submission, proving the caller is the submitter */
                "x-receipt": string;
            };
            path: {
                /** @description 查询码 / the tracking number given at submission */
                trackingNo: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the case as its submitter sees it */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        trackingNo: string;
                        procedure: {
                            id: string;
                            name: {
                                "zh-CN": string;
                                en?: string;
                            };
                        };
                        kind: string;
                        status: string;
                        statusLabel: {
                            "zh-CN": string;
                            en?: string;
                        };
                        version: number;
                        subject: string;
                        outcome: {
                            "zh-CN": string;
                            en?: string;
                        } | null;
                        receivedAt: string;
                        closedAt: string | null;
                        timeline: {
                            at: string;
                            action: string;
                            actionLabel: {
                                "zh-CN": string;
                                en?: string;
                            } | null;
                            status: string;
                            statusLabel: {
                                "zh-CN": string;
                                en?: string;
                            };
                            /** @description the procedure’s public wording of the step */
                            text: {
                                "zh-CN": string;
                                en?: string;
                            } | null;
                            /** @enum {string} */
                            by: "submitter" | "staff";
                            /** @description the inputs of the step marked public */
                            details: {
                                [key: string]: unknown;
                            };
                            fields: {
                                [key: string]: {
                                    label: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    type: string;
                                };
                            };
                            valueLabels: {
                                [key: string]: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                            };
                            deadlines: {
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @enum {string} */
                                op: "start" | "stop" | "pause" | "resume" | "extend" | "warn" | "breach" | "recompute";
                                dueAt: string | null;
                                provisional: boolean;
                                explanation: {
                                    "zh-CN": string;
                                    en?: string;
                                } | null;
                            }[];
                        }[];
                        allowedActions: {
                            id: string;
                            label: {
                                "zh-CN": string;
                                en?: string;
                            };
                            /** @description the state it moves the case to; null: stays */
                            to: string | null;
                            /** @enum {string} */
                            visibility: "public" | "internal";
                            /** @description the form: the procedure’s fields of this action */
                            input: (({
                                name: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                required: boolean;
                                sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                help?: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                public: boolean;
                                kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                roles?: string[];
                                /** @enum {string} */
                                type: "text";
                                /** @default 500 */
                                maxLength: number;
                            } | {
                                name: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                required: boolean;
                                sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                help?: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                public: boolean;
                                kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                roles?: string[];
                                /** @enum {string} */
                                type: "longtext";
                                /** @default 20000 */
                                maxLength: number;
                            } | {
                                name: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                required: boolean;
                                sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                help?: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                public: boolean;
                                kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                roles?: string[];
                                /** @enum {string} */
                                type: "enum";
                                options: {
                                    id: string;
                                    label: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                }[];
                            } | {
                                name: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                required: boolean;
                                sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                help?: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                public: boolean;
                                kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                roles?: string[];
                                /** @enum {string} */
                                type: "category";
                            } | {
                                name: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                required: boolean;
                                sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                help?: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                public: boolean;
                                kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                roles?: string[];
                                /** @enum {string} */
                                type: "severity";
                            } | {
                                name: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                required: boolean;
                                sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                help?: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                public: boolean;
                                kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                roles?: string[];
                                /** @enum {string} */
                                type: "user";
                            } | {
                                name: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                required: boolean;
                                sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                help?: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                public: boolean;
                                kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                roles?: string[];
                                /** @enum {string} */
                                type: "unit";
                            } | {
                                name: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                required: boolean;
                                sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                help?: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                public: boolean;
                                kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                roles?: string[];
                                /** @enum {string} */
                                type: "date";
                                /** @default false */
                                notPast: boolean;
                            } | {
                                name: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                required: boolean;
                                sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                help?: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                public: boolean;
                                kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                roles?: string[];
                                /** @enum {string} */
                                type: "datetime";
                            } | {
                                name: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                required: boolean;
                                sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                help?: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                public: boolean;
                                kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                roles?: string[];
                                /** @enum {string} */
                                type: "integer";
                                min?: number;
                                max?: number;
                            } | {
                                name: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                required: boolean;
                                sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                help?: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                public: boolean;
                                kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                roles?: string[];
                                /** @enum {string} */
                                type: "number";
                                min?: number;
                                max?: number;
                            } | {
                                name: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                required: boolean;
                                sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                help?: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                public: boolean;
                                kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                roles?: string[];
                                /** @enum {string} */
                                type: "boolean";
                                /** @default false */
                                mustBeTrue: boolean;
                            } | {
                                name: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                required: boolean;
                                sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                help?: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                public: boolean;
                                kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                roles?: string[];
                                /** @enum {string} */
                                type: "rating";
                                /** @default 5 */
                                max: number;
                            }) | {
                                name: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                required: boolean;
                                sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                help?: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                public: boolean;
                                kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                roles?: string[];
                                /** @enum {string} */
                                type: "list";
                                /** @default 0 */
                                minItems: number;
                                /** @default 50 */
                                maxItems: number;
                                /** @default false */
                                append: boolean;
                                items: ({
                                    name: string;
                                    label: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    required: boolean;
                                    sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                    help?: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    public: boolean;
                                    kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                    roles?: string[];
                                    /** @enum {string} */
                                    type: "text";
                                    /** @default 500 */
                                    maxLength: number;
                                } | {
                                    name: string;
                                    label: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    required: boolean;
                                    sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                    help?: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    public: boolean;
                                    kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                    roles?: string[];
                                    /** @enum {string} */
                                    type: "longtext";
                                    /** @default 20000 */
                                    maxLength: number;
                                } | {
                                    name: string;
                                    label: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    required: boolean;
                                    sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                    help?: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    public: boolean;
                                    kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                    roles?: string[];
                                    /** @enum {string} */
                                    type: "enum";
                                    options: {
                                        id: string;
                                        label: {
                                            "zh-CN": string;
                                            en?: string;
                                        };
                                    }[];
                                } | {
                                    name: string;
                                    label: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    required: boolean;
                                    sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                    help?: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    public: boolean;
                                    kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                    roles?: string[];
                                    /** @enum {string} */
                                    type: "category";
                                } | {
                                    name: string;
                                    label: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    required: boolean;
                                    sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                    help?: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    public: boolean;
                                    kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                    roles?: string[];
                                    /** @enum {string} */
                                    type: "severity";
                                } | {
                                    name: string;
                                    label: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    required: boolean;
                                    sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                    help?: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    public: boolean;
                                    kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                    roles?: string[];
                                    /** @enum {string} */
                                    type: "user";
                                } | {
                                    name: string;
                                    label: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    required: boolean;
                                    sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                    help?: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    public: boolean;
                                    kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                    roles?: string[];
                                    /** @enum {string} */
                                    type: "unit";
                                } | {
                                    name: string;
                                    label: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    required: boolean;
                                    sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                    help?: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    public: boolean;
                                    kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                    roles?: string[];
                                    /** @enum {string} */
                                    type: "date";
                                    /** @default false */
                                    notPast: boolean;
                                } | {
                                    name: string;
                                    label: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    required: boolean;
                                    sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                    help?: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    public: boolean;
                                    kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                    roles?: string[];
                                    /** @enum {string} */
                                    type: "datetime";
                                } | {
                                    name: string;
                                    label: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    required: boolean;
                                    sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                    help?: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    public: boolean;
                                    kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                    roles?: string[];
                                    /** @enum {string} */
                                    type: "integer";
                                    min?: number;
                                    max?: number;
                                } | {
                                    name: string;
                                    label: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    required: boolean;
                                    sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                    help?: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    public: boolean;
                                    kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                    roles?: string[];
                                    /** @enum {string} */
                                    type: "number";
                                    min?: number;
                                    max?: number;
                                } | {
                                    name: string;
                                    label: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    required: boolean;
                                    sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                    help?: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    public: boolean;
                                    kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                    roles?: string[];
                                    /** @enum {string} */
                                    type: "boolean";
                                    /** @default false */
                                    mustBeTrue: boolean;
                                } | {
                                    name: string;
                                    label: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    required: boolean;
                                    sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                    help?: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    public: boolean;
                                    kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                    roles?: string[];
                                    /** @enum {string} */
                                    type: "rating";
                                    /** @default 5 */
                                    max: number;
                                })[];
                            })[];
                        }[];
                        /** @description APL-1: appealCase is open now */
                        canAppeal: boolean;
                        retaliationAsks: ("location" | "occurredAt")[];
                        /** @description APL-3: an appeal at the last level is final (终审) */
                        final: boolean;
                        deadlines: {
                            clock: string;
                            label: {
                                "zh-CN": string;
                                en?: string;
                            };
                            /** @enum {string} */
                            status: "running" | "paused" | "warning" | "overdue" | "met" | "missed";
                            dueAt: string;
                            provisional: boolean;
                            stoppedAt: string | null;
                            stoppedBy: {
                                "zh-CN": string;
                                en?: string;
                            }[];
                        }[];
                        attachments: {
                            id: string;
                            name: string;
                            /** @description internal or public (the submitter sees it) */
                            visibility: string;
                            /** @description submitter or staff */
                            addedBy: string;
                            addedAt: string;
                            size: number;
                            mediaType: string;
                        }[];
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description RATE_LIMITED: too many requests; the Retry-After header says when to retry */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    sendSubmitterMessage: {
        parameters: {
            query?: never;
            header: {
                /** @description 回执码 / the receipt given at submission, proving the caller is the submitter */
                "x-receipt": string;
            };
            path: {
                /** @description 查询码 / the tracking number given at submission */
                trackingNo: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    text: string;
                    /**
                     * @default message
                     * @enum {string}
                     */
                    kind?: "message" | "material";
                };
            };
        };
        responses: {
            /** @description added to the case */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        version: number;
                        trackingNo: string;
                    } | null;
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description RATE_LIMITED: too many requests; the Retry-After header says when to retry */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    reportRetaliation: {
        parameters: {
            query?: never;
            header: {
                /** @description 回执码 / the receipt given at submission, proving the caller is the submitter */
                "x-receipt": string;
            };
            path: {
                /** @description 查询码 / the tracking number given at submission */
                trackingNo: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    description: string;
                    /** Format: date-time */
                    occurredAt?: string;
                    location?: string;
                    respondents?: {
                        name: string;
                        /** @enum {string} */
                        type: "person" | "department" | "business";
                    }[];
                };
            };
        };
        responses: {
            /** @description a new case, linked to this one; keep its receipt */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        trackingNo: string;
                        /** @description 回执码 for the submitter: shown once */
                        receipt: string;
                        status: string;
                        version: number;
                        deadlines: {
                            /** @description the clock id of the procedure */
                            clock: string;
                            /** @description ISO 8601 */
                            dueAt: string;
                            /** @description the calendar of that year is not yet published: the date may move */
                            provisional: boolean;
                        }[];
                        owed: {
                            /** @description the clock id of the procedure */
                            clock: string;
                            /** @description ISO 8601 */
                            dueAt: string;
                            /** @description the calendar of that year is not yet published: the date may move */
                            provisional: boolean;
                            label: {
                                "zh-CN": string;
                                en?: string;
                            };
                            /** @description what stops this clock (e.g. waiting for the submitter) */
                            stoppedBy: {
                                "zh-CN": string;
                                en?: string;
                            }[];
                        }[];
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description RATE_LIMITED: too many requests; the Retry-After header says when to retry */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    appealCase: {
        parameters: {
            query?: never;
            header: {
                /** @description 回执码 / the receipt given at submission, proving the caller is the submitter */
                "x-receipt": string;
            };
            path: {
                /** @description 查询码 / the tracking number given at submission */
                trackingNo: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reasons: string;
                };
            };
        };
        responses: {
            /** @description the appeal, a new case; keep its receipt */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        trackingNo: string;
                        /** @description 回执码 for the submitter: shown once */
                        receipt: string;
                        status: string;
                        version: number;
                        deadlines: {
                            /** @description the clock id of the procedure */
                            clock: string;
                            /** @description ISO 8601 */
                            dueAt: string;
                            /** @description the calendar of that year is not yet published: the date may move */
                            provisional: boolean;
                        }[];
                        owed: {
                            /** @description the clock id of the procedure */
                            clock: string;
                            /** @description ISO 8601 */
                            dueAt: string;
                            /** @description the calendar of that year is not yet published: the date may move */
                            provisional: boolean;
                            label: {
                                "zh-CN": string;
                                en?: string;
                            };
                            /** @description what stops this clock (e.g. waiting for the submitter) */
                            stoppedBy: {
                                "zh-CN": string;
                                en?: string;
                            }[];
                        }[];
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description RATE_LIMITED: too many requests; the Retry-After header says when to retry */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    performSubmitterAction: {
        parameters: {
            query?: never;
            header: {
                /** @description 回执码 / the receipt given at submission, proving the caller is the submitter */
                "x-receipt": string;
            };
            path: {
                /** @description 查询码 / the tracking number given at submission */
                trackingNo: string;
                /** @description an action of the case procedure (lower-case kebab-case), as listed in the case view */
                action: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @default {} */
                    input?: {
                        [key: string]: unknown;
                    };
                    expectedVersion?: number;
                };
            };
        };
        responses: {
            /** @description done: the case now */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        trackingNo: string;
                        status: string;
                        version: number;
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description RATE_LIMITED: too many requests; the Retry-After header says when to retry */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listCases: {
        parameters: {
            query?: {
                /** @description a procedure id */
                procedure?: string;
                /** @description comma-separated states */
                status?: string;
                /** @description a case kind */
                kind?: "complaint" | "suggestion" | "report" | "appeal";
                /** @description a category id of the procedure */
                category?: string;
                /** @description a severity of the procedure */
                severity?: string;
                /** @description how the case came in */
                channel?: "web" | "email" | "phone" | "walk-in" | "letter" | "fax" | "wechat" | "box" | "third-party" | "api";
                /** @description "me", "none" or a user id */
                assignee?: string;
                /** @description "mine": cases of the units where you hold a role (and below) */
                unit?: "mine";
                /** @description cases with a running clock warned but not yet due (soon) or past due (overdue) */
                due?: "soon" | "overdue";
                /** @description cases of this org unit and the units below it */
                orgUnit?: string;
                /** @description received on or after this local day */
                from?: string;
                /** @description received on or before this local day */
                to?: string;
                /** @description full-text search (Chinese segmented) */
                q?: string;
                /** @description page size */
                limit?: number;
                /** @description due: nearest deadline first; received: newest first (default); severity: most severe first */
                sort?: "due" | "received" | "severity";
                /** @description nextCursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description a page of cases the caller may see */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            trackingNo: string;
                            procedure: {
                                id: string;
                                version: number;
                                name: {
                                    "zh-CN": string;
                                    en?: string;
                                } | null;
                            };
                            kind: string;
                            status: string;
                            statusLabel: {
                                "zh-CN": string;
                                en?: string;
                            } | null;
                            version: number;
                            category: string | null;
                            severity: string | null;
                            severityLabel: {
                                "zh-CN": string;
                                en?: string;
                            } | null;
                            categoryLabel: {
                                "zh-CN": string;
                                en?: string;
                            } | null;
                            outcome: string | null;
                            assigneeId: string | null;
                            channel: string;
                            subject: string;
                            anonymous: boolean;
                            receivedAt: string;
                            createdAt: string;
                            updatedAt: string;
                            closedAt: string | null;
                            orgUnitId: string | null;
                            assigneeName: string | null;
                            orgUnitName: string | null;
                            /** @description the nearest running deadline */
                            nextDue: {
                                clock: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                dueAt: string;
                                /** @enum {string} */
                                status: "running" | "paused" | "warning" | "overdue" | "met" | "missed";
                                provisional: boolean;
                            } | null;
                            /** @description new from the submitter since the caller last opened it */
                            unread: boolean;
                        }[];
                        /** @description pass as cursor for the next page; null: the last page. A page looks at no more than 5,000 cases, so one with fewer items than asked for may still have a next page */
                        nextCursor: string | null;
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    registerCase: {
        parameters: {
            query?: never;
            header?: {
                /** @description retry safely: the same key with the same body answers the first result again; a different body 422 (1–200 visible ASCII) */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    procedure: string;
                    /** @enum {string} */
                    kind: "complaint" | "suggestion" | "report" | "appeal";
                    category?: string;
                    severity?: string;
                    subject: string;
                    description: string;
                    anonymous: boolean;
                    submitter?: {
                        name: string;
                        phone?: string;
                        /** Format: email */
                        email?: string;
                        idNumber?: string;
                        address?: string;
                    };
                    respondents?: {
                        name: string;
                        /** @enum {string} */
                        type: "person" | "department" | "business";
                    }[];
                    /** Format: date-time */
                    occurredAt?: string;
                    location?: string;
                    requestedOutcome?: string;
                    fields?: {
                        [key: string]: unknown;
                    };
                    affirmTruthful?: boolean;
                    orgUnit?: string;
                    /** @enum {string} */
                    channel: "web" | "email" | "phone" | "walk-in" | "letter" | "fax" | "wechat" | "box" | "third-party" | "api";
                    /** Format: date-time */
                    receivedAt?: string;
                    receivingPerson?: string;
                    thirdParty?: {
                        /** @enum {string} */
                        type: "industry-association" | "consumer-association" | "government" | "labour-bureau" | "union" | "other";
                        name: string;
                        reference?: string;
                    };
                };
            };
        };
        responses: {
            /** @description registered: give the submitter the receipt, it is shown once */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        trackingNo: string;
                        /** @description 回执码 for the submitter: shown once */
                        receipt: string;
                        status: string;
                        version: number;
                        deadlines: {
                            /** @description the clock id of the procedure */
                            clock: string;
                            /** @description ISO 8601 */
                            dueAt: string;
                            /** @description the calendar of that year is not yet published: the date may move */
                            provisional: boolean;
                        }[];
                        owed: {
                            /** @description the clock id of the procedure */
                            clock: string;
                            /** @description ISO 8601 */
                            dueAt: string;
                            /** @description the calendar of that year is not yet published: the date may move */
                            provisional: boolean;
                            label: {
                                "zh-CN": string;
                                en?: string;
                            };
                            /** @description what stops this clock (e.g. waiting for the submitter) */
                            stoppedBy: {
                                "zh-CN": string;
                                en?: string;
                            }[];
                        }[];
                        /** @description staff intake (issue 21): what triage suggests for the new case */
                        suggestions?: {
                            category?: {
                                /** @description category or severity id of the procedure, or org unit id */
                                value: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @description posterior probability, at least the floor (docs/triage.md) */
                                confidence: number;
                                /** @description words of this case that drove it */
                                because: string[];
                            };
                            severity?: {
                                /** @description category or severity id of the procedure, or org unit id */
                                value: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @description posterior probability, at least the floor (docs/triage.md) */
                                confidence: number;
                                /** @description words of this case that drove it */
                                because: string[];
                            };
                            unit?: {
                                /** @description category or severity id of the procedure, or org unit id */
                                value: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @description posterior probability, at least the floor (docs/triage.md) */
                                confidence: number;
                                /** @description words of this case that drove it */
                                because: string[];
                            };
                        };
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    bulkCaseAction: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    op: "assign";
                    caseIds: string[];
                    assignee: string;
                } | {
                    /** @enum {string} */
                    op: "urge";
                    caseIds: string[];
                    note: string;
                } | {
                    /** @enum {string} */
                    op: "close-duplicate";
                    caseIds: string[];
                    of: string;
                    note: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        results: {
                            id: string;
                            ok: boolean;
                            version?: number;
                            status?: string;
                            error?: {
                                code: string;
                                message: string;
                            };
                        }[];
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    bulkAssignees: {
        parameters: {
            query: {
                /** @description comma-separated case ids */
                ids: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        users: {
                            id: string;
                            username: string;
                            displayName: string;
                            unitName: string | null;
                        }[];
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getCase: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id (26-character ULID unless stated otherwise) of the thing the path names */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the case, the submitter masked */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        trackingNo: string;
                        procedure: {
                            id: string;
                            version: number;
                            name: {
                                "zh-CN": string;
                                en?: string;
                            } | null;
                        };
                        kind: string;
                        status: string;
                        statusLabel: {
                            "zh-CN": string;
                            en?: string;
                        } | null;
                        version: number;
                        category: string | null;
                        severity: string | null;
                        severityLabel: {
                            "zh-CN": string;
                            en?: string;
                        } | null;
                        categoryLabel: {
                            "zh-CN": string;
                            en?: string;
                        } | null;
                        outcome: string | null;
                        assigneeId: string | null;
                        channel: string;
                        subject: string;
                        anonymous: boolean;
                        receivedAt: string;
                        createdAt: string;
                        updatedAt: string;
                        closedAt: string | null;
                        orgUnitId: string | null;
                        assigneeName: string | null;
                        orgUnitName: string | null;
                        /** @description contact numbers masked (revealSubmitter shows them) */
                        description: string;
                        descriptionMasked: boolean;
                        submitter: {
                            name: string;
                            phone?: string;
                            email?: string;
                            idNumber?: string;
                            address?: string;
                        } | null;
                        respondents: {
                            name: string;
                            /** @enum {string} */
                            type: "person" | "department" | "business";
                            /** @description linked to this user (recusal) */
                            userId?: string;
                            /** @description linked to this unit (recusal) */
                            orgUnitId?: string;
                        }[];
                        /** @description what the procedure’s steps set (data.<key>) */
                        data: {
                            [key: string]: unknown;
                        };
                        dataLabels: {
                            [key: string]: {
                                "zh-CN": string;
                                en?: string;
                            };
                        };
                        dataValueLabels: {
                            [key: string]: {
                                "zh-CN": string;
                                en?: string;
                            };
                        };
                        warnings: {
                            rule: string;
                            label: {
                                "zh-CN": string;
                                en?: string;
                            };
                            field: string;
                            value: string;
                        }[];
                        receivedBy: string | null;
                        allowedActions: {
                            id: string;
                            label: {
                                "zh-CN": string;
                                en?: string;
                            };
                            /** @description the state it moves the case to; null: stays */
                            to: string | null;
                            /** @enum {string} */
                            visibility: "public" | "internal";
                            /** @description the form: the procedure’s fields of this action */
                            input: (({
                                name: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                required: boolean;
                                sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                help?: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                public: boolean;
                                kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                roles?: string[];
                                /** @enum {string} */
                                type: "text";
                                /** @default 500 */
                                maxLength: number;
                            } | {
                                name: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                required: boolean;
                                sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                help?: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                public: boolean;
                                kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                roles?: string[];
                                /** @enum {string} */
                                type: "longtext";
                                /** @default 20000 */
                                maxLength: number;
                            } | {
                                name: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                required: boolean;
                                sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                help?: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                public: boolean;
                                kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                roles?: string[];
                                /** @enum {string} */
                                type: "enum";
                                options: {
                                    id: string;
                                    label: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                }[];
                            } | {
                                name: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                required: boolean;
                                sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                help?: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                public: boolean;
                                kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                roles?: string[];
                                /** @enum {string} */
                                type: "category";
                            } | {
                                name: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                required: boolean;
                                sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                help?: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                public: boolean;
                                kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                roles?: string[];
                                /** @enum {string} */
                                type: "severity";
                            } | {
                                name: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                required: boolean;
                                sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                help?: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                public: boolean;
                                kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                roles?: string[];
                                /** @enum {string} */
                                type: "user";
                            } | {
                                name: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                required: boolean;
                                sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                help?: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                public: boolean;
                                kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                roles?: string[];
                                /** @enum {string} */
                                type: "unit";
                            } | {
                                name: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                required: boolean;
                                sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                help?: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                public: boolean;
                                kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                roles?: string[];
                                /** @enum {string} */
                                type: "date";
                                /** @default false */
                                notPast: boolean;
                            } | {
                                name: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                required: boolean;
                                sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                help?: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                public: boolean;
                                kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                roles?: string[];
                                /** @enum {string} */
                                type: "datetime";
                            } | {
                                name: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                required: boolean;
                                sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                help?: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                public: boolean;
                                kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                roles?: string[];
                                /** @enum {string} */
                                type: "integer";
                                min?: number;
                                max?: number;
                            } | {
                                name: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                required: boolean;
                                sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                help?: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                public: boolean;
                                kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                roles?: string[];
                                /** @enum {string} */
                                type: "number";
                                min?: number;
                                max?: number;
                            } | {
                                name: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                required: boolean;
                                sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                help?: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                public: boolean;
                                kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                roles?: string[];
                                /** @enum {string} */
                                type: "boolean";
                                /** @default false */
                                mustBeTrue: boolean;
                            } | {
                                name: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                required: boolean;
                                sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                help?: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                public: boolean;
                                kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                roles?: string[];
                                /** @enum {string} */
                                type: "rating";
                                /** @default 5 */
                                max: number;
                            }) | {
                                name: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                required: boolean;
                                sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                help?: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                public: boolean;
                                kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                roles?: string[];
                                /** @enum {string} */
                                type: "list";
                                /** @default 0 */
                                minItems: number;
                                /** @default 50 */
                                maxItems: number;
                                /** @default false */
                                append: boolean;
                                items: ({
                                    name: string;
                                    label: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    required: boolean;
                                    sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                    help?: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    public: boolean;
                                    kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                    roles?: string[];
                                    /** @enum {string} */
                                    type: "text";
                                    /** @default 500 */
                                    maxLength: number;
                                } | {
                                    name: string;
                                    label: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    required: boolean;
                                    sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                    help?: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    public: boolean;
                                    kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                    roles?: string[];
                                    /** @enum {string} */
                                    type: "longtext";
                                    /** @default 20000 */
                                    maxLength: number;
                                } | {
                                    name: string;
                                    label: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    required: boolean;
                                    sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                    help?: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    public: boolean;
                                    kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                    roles?: string[];
                                    /** @enum {string} */
                                    type: "enum";
                                    options: {
                                        id: string;
                                        label: {
                                            "zh-CN": string;
                                            en?: string;
                                        };
                                    }[];
                                } | {
                                    name: string;
                                    label: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    required: boolean;
                                    sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                    help?: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    public: boolean;
                                    kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                    roles?: string[];
                                    /** @enum {string} */
                                    type: "category";
                                } | {
                                    name: string;
                                    label: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    required: boolean;
                                    sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                    help?: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    public: boolean;
                                    kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                    roles?: string[];
                                    /** @enum {string} */
                                    type: "severity";
                                } | {
                                    name: string;
                                    label: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    required: boolean;
                                    sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                    help?: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    public: boolean;
                                    kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                    roles?: string[];
                                    /** @enum {string} */
                                    type: "user";
                                } | {
                                    name: string;
                                    label: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    required: boolean;
                                    sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                    help?: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    public: boolean;
                                    kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                    roles?: string[];
                                    /** @enum {string} */
                                    type: "unit";
                                } | {
                                    name: string;
                                    label: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    required: boolean;
                                    sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                    help?: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    public: boolean;
                                    kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                    roles?: string[];
                                    /** @enum {string} */
                                    type: "date";
                                    /** @default false */
                                    notPast: boolean;
                                } | {
                                    name: string;
                                    label: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    required: boolean;
                                    sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                    help?: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    public: boolean;
                                    kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                    roles?: string[];
                                    /** @enum {string} */
                                    type: "datetime";
                                } | {
                                    name: string;
                                    label: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    required: boolean;
                                    sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                    help?: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    public: boolean;
                                    kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                    roles?: string[];
                                    /** @enum {string} */
                                    type: "integer";
                                    min?: number;
                                    max?: number;
                                } | {
                                    name: string;
                                    label: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    required: boolean;
                                    sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                    help?: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    public: boolean;
                                    kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                    roles?: string[];
                                    /** @enum {string} */
                                    type: "number";
                                    min?: number;
                                    max?: number;
                                } | {
                                    name: string;
                                    label: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    required: boolean;
                                    sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                    help?: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    public: boolean;
                                    kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                    roles?: string[];
                                    /** @enum {string} */
                                    type: "boolean";
                                    /** @default false */
                                    mustBeTrue: boolean;
                                } | {
                                    name: string;
                                    label: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    required: boolean;
                                    sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                    help?: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    public: boolean;
                                    kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                    roles?: string[];
                                    /** @enum {string} */
                                    type: "rating";
                                    /** @default 5 */
                                    max: number;
                                })[];
                            })[];
                        }[];
                        /** @description the step the procedure expects next (the primary button) */
                        nextAction: string | null;
                        timeline: {
                            seq: number;
                            type: string;
                            action: string;
                            actionLabel: {
                                "zh-CN": string;
                                en?: string;
                            } | null;
                            toStatusLabel: {
                                "zh-CN": string;
                                en?: string;
                            };
                            inputLabels: {
                                [key: string]: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                            };
                            valueLabels: {
                                [key: string]: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                            };
                            visibility: string;
                            fromStatus: string | null;
                            toStatus: string;
                            actor: {
                                kind: string;
                                id: string | null;
                                name: string;
                            };
                            at: string;
                            input: {
                                [key: string]: unknown;
                            };
                            publicText: {
                                "zh-CN": string;
                                en?: string;
                            } | null;
                            clocks: {
                                clock: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @enum {string} */
                                op: "start" | "stop" | "pause" | "resume" | "extend" | "warn" | "breach" | "recompute";
                                dueAt: string | null;
                                provisional: boolean;
                                explanation: {
                                    "zh-CN": string;
                                    en?: string;
                                } | null;
                                reason?: string;
                            }[];
                        }[];
                        deadlines: {
                            clock: string;
                            label: {
                                "zh-CN": string;
                                en?: string;
                            };
                            rule: string | null;
                            /** @enum {string} */
                            status: "running" | "paused" | "warning" | "overdue" | "met" | "missed";
                            /** @enum {string} */
                            unit: "hours" | "same-day" | "natural-days" | "working-days" | "calendar-months";
                            length: number;
                            extendedBy: number;
                            startedAt: string;
                            dueAt: string;
                            warnAt: string;
                            pausedAt: string | null;
                            stoppedAt: string | null;
                            breachedAt: string | null;
                            provisional: boolean;
                            calendarVersion: string;
                        }[];
                        escalatedAt: string | null;
                        attachments: {
                            id: string;
                            name: string;
                            /** @description internal or public (the submitter sees it) */
                            visibility: string;
                            /** @description submitter or staff */
                            addedBy: string;
                            addedAt: string;
                            size: number;
                            mediaType: string;
                            sha256: string;
                        }[];
                        links: {
                            kind: string;
                            /** @enum {string} */
                            direction: "from" | "to";
                            note: string | null;
                            at: string;
                            trackingNo: string;
                            procedure: string;
                            caseKind: string;
                            status: string;
                            statusLabel: {
                                "zh-CN": string;
                                en?: string;
                            } | null;
                            /** @description only when the caller may open it */
                            caseId?: string;
                            visible: boolean;
                        }[];
                        mayProposeDisclosure: boolean;
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    markCaseSeen: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id (26-character ULID unless stated otherwise) of the thing the path names */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    version: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        seenVersion: number;
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    revealSubmitter: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id (26-character ULID unless stated otherwise) of the thing the path names */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason: string;
                };
            };
        };
        responses: {
            /** @description the submitter (audited) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        viewedAt: string;
                        /** @description the statement with its contact numbers, when it had any */
                        description?: string;
                        submitter: {
                            name: string;
                            phone?: string;
                            email?: string;
                            idNumber?: string;
                            address?: string;
                        } | null;
                        anonymous: boolean;
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listSameSubmitterCases: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id (26-character ULID unless stated otherwise) of the thing the path names */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the other cases the caller may see */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            trackingNo: string;
                            subject: string;
                            status: string;
                            statusLabel: {
                                "zh-CN": string;
                                en?: string;
                            } | null;
                            receivedAt: string;
                        }[];
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    messageSubmitter: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id (26-character ULID unless stated otherwise) of the thing the path names */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "text": "已收到，请保留发票原件"
                 *     }
                 */
                "application/json": {
                    text: string;
                };
            };
        };
        responses: {
            /** @description added: the submitter is told */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        version: number;
                        trackingNo: string;
                    } | null;
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    linkRespondent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id (26-character ULID unless stated otherwise) of the thing the path names */
                id: string;
                /** @description position of the respondent in the case (0-based) */
                index: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    user?: string;
                    orgUnit?: string;
                };
            };
        };
        responses: {
            /** @description linked */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        version: number;
                        trackingNo: string;
                    } | null;
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listEligibleUsers: {
        parameters: {
            query: {
                /** @description an action of the case procedure (lower-case kebab-case), as listed in the case view */
                action: string;
                /** @description the input field of the action */
                field: string;
                /** @description the unit the action moves the case to, when it does (a dispatch) */
                unit?: string;
            };
            header?: never;
            path: {
                /** @description the id (26-character ULID unless stated otherwise) of the thing the path names */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description who may be named */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        users: {
                            id: string;
                            username: string;
                            displayName: string;
                            unitId: string | null;
                            unitName: string | null;
                        }[];
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listRecusals: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id (26-character ULID unless stated otherwise) of the thing the path names */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the recusals */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            userId: string | null;
                            displayName: string | null;
                            unitPath: string | null;
                            unitName: string | null;
                            reason: string;
                            /** @description matched automatically at intake, not yet confirmed */
                            suggested: boolean;
                        }[];
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    decideRecusalMatch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id (26-character ULID unless stated otherwise) of the thing the path names */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    userId?: string;
                    unitPath?: string;
                    /** @enum {string} */
                    decision: "confirm" | "clear";
                };
            };
        };
        responses: {
            /** @description decided */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        version: number;
                        trackingNo: string;
                    } | null;
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    linkCases: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id (26-character ULID unless stated otherwise) of the thing the path names */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    trackingNo: string;
                    /** @enum {string} */
                    kind: "duplicate" | "repeat" | "related";
                    note: string;
                };
            };
        };
        responses: {
            /** @description linked */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        version: number;
                        trackingNo: string;
                    } | null;
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    performAction: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id (26-character ULID unless stated otherwise) of the thing the path names */
                id: string;
                /** @description an action of the case procedure (lower-case kebab-case), as listed in the case view */
                action: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @default {} */
                    input?: {
                        [key: string]: unknown;
                    };
                    expectedVersion: number;
                };
            };
        };
        responses: {
            /** @description done: the case at its new version */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        trackingNo: string;
                        status: string;
                        version: number;
                        opened?: {
                            id: string;
                            trackingNo: string;
                        };
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getCalendar: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the calendar in force */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        version: string;
                        source: string;
                        timeZone: string;
                        yearsCovered: number[];
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    importCalendar: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    source: string;
                    /** @default [] */
                    years?: number[];
                    /** @default [] */
                    offDays?: {
                        date: string;
                        name: string;
                    }[];
                    /** @default [] */
                    workDays?: {
                        date: string;
                        name: string;
                    }[];
                };
            };
        };
        responses: {
            /** @description the new calendar version; running deadlines recomputed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        calendarVersion: string;
                        recomputed: number;
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getSupervision: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the board */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        at: string;
                        totals: {
                            overdue: number;
                            atRisk: number;
                            unreached: number;
                        };
                        /** @description cases a notice to a role found nobody for (无人可办) */
                        unreached: {
                            caseId: string;
                            trackingNo: string;
                            subject: string;
                            status: string;
                            unitId: string | null;
                            unitName: string | null;
                            role: string;
                            since: string;
                            label: {
                                "zh-CN": string;
                                en?: string;
                            };
                        }[];
                        levels: {
                            level: number;
                            units: {
                                unit: {
                                    id: string;
                                    name: string;
                                    level: number;
                                    path: string;
                                };
                                overdue: {
                                    caseId: string;
                                    trackingNo: string;
                                    subject: string;
                                    status: string;
                                    severity: string | null;
                                    assigneeId: string | null;
                                    escalatedAt: string | null;
                                    version: number;
                                    clock: {
                                        clock: string;
                                        label: {
                                            "zh-CN": string;
                                            en?: string;
                                        } | null;
                                        dueAt: string;
                                        /** @enum {string} */
                                        status: "running" | "paused" | "warning" | "overdue" | "met" | "missed";
                                    };
                                }[];
                                atRisk: {
                                    caseId: string;
                                    trackingNo: string;
                                    subject: string;
                                    status: string;
                                    severity: string | null;
                                    assigneeId: string | null;
                                    escalatedAt: string | null;
                                    version: number;
                                    clock: {
                                        clock: string;
                                        label: {
                                            "zh-CN": string;
                                            en?: string;
                                        } | null;
                                        dueAt: string;
                                        /** @enum {string} */
                                        status: "running" | "paused" | "warning" | "overdue" | "met" | "missed";
                                    };
                                }[];
                            }[];
                        }[];
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    urgeCase: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id (26-character ULID unless stated otherwise) of the thing the path names */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    note: string;
                };
            };
        };
        responses: {
            /** @description urged */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        trackingNo: string;
                        version: number;
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    takeOverCase: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id (26-character ULID unless stated otherwise) of the thing the path names */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    note: string;
                };
            };
        };
        responses: {
            /** @description taken over */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        trackingNo: string;
                        version: number;
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listOrgUnits: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description every org unit */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            parentId: string | null;
                            name: string;
                            /** @description 1 for the top of the organisation */
                            level: number;
                            /** @description the ids from the top, e.g. /01J…/01K…/ */
                            path: string;
                        }[];
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createOrgUnit: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    parent?: string;
                };
            };
        };
        responses: {
            /** @description the new unit */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        parentId: string | null;
                        name: string;
                        /** @description 1 for the top of the organisation */
                        level: number;
                        /** @description the ids from the top, e.g. /01J…/01K…/ */
                        path: string;
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listUsers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description every user */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            username: string;
                            displayName: string;
                            isAdmin: boolean;
                            disabled: boolean;
                            disabledAt: string | null;
                            mustChangePassword: boolean;
                            /** @description a second factor is set up */
                            secondFactor: boolean;
                            createdAt: string;
                            grants: {
                                id: string;
                                role: string;
                                orgUnitId: string | null;
                                orgUnitName: string | null;
                            }[];
                        }[];
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    username: string;
                    displayName: string;
                    staffNo?: string;
                    password: string;
                    /** @default [] */
                    grants?: {
                        role: string;
                        /** @default null */
                        orgUnit?: string | null;
                    }[];
                };
            };
        };
        responses: {
            /** @description the new user */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        username: string;
                        displayName: string;
                        grants: {
                            id: string;
                            role: string;
                            orgUnitId: string | null;
                            orgUnitName: string | null;
                        }[];
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    runDoctor: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description what the checks found */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description no finding of severity error */
                        ok: boolean;
                        findings: {
                            check: string;
                            /** @enum {string} */
                            severity: "error" | "warning";
                            message: string;
                            /** @description what the check found (ids, names), by check */
                            details?: unknown;
                        }[];
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    setIntakeUnit: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id (26-character ULID unless stated otherwise) of the thing the path names */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    orgUnit: string | null;
                };
            };
        };
        responses: {
            /** @description the intake unit now */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        procedure: string;
                        orgUnitId: string | null;
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listGrants: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id (26-character ULID unless stated otherwise) of the thing the path names */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the user’s grants */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            role: string;
                            orgUnitId: string | null;
                            orgUnitName: string | null;
                        }[];
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    addGrant: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id (26-character ULID unless stated otherwise) of the thing the path names */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    role: string;
                    /** @default null */
                    orgUnit?: string | null;
                };
            };
        };
        responses: {
            /** @description the new grant */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        userId: string;
                        role: string;
                        orgUnitId: string | null;
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    removeGrant: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id (26-character ULID unless stated otherwise) of the thing the path names */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description no content / 无内容 */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    disableUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id (26-character ULID unless stated otherwise) of the thing the path names */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason: string;
                };
            };
        };
        responses: {
            /** @description disabled: its sessions and tokens end at once */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        disabledAt: string | null;
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    enableUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id (26-character ULID unless stated otherwise) of the thing the path names */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description enabled */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        disabledAt: string | null;
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    resetPassword: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id (26-character ULID unless stated otherwise) of the thing the path names */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the one-time password, shown once; it must be changed at the next sign-in */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        password: string;
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    resetSecondFactor: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id (26-character ULID unless stated otherwise) of the thing the path names */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description no content / 无内容 */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listThrottles: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the throttles in force */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @description clear this one with clearThrottle */
                            key: string;
                            kind: string;
                            username: string | null;
                            client: string | null;
                            failures: number;
                            windowEndsAt: string;
                            blockedUntil: string | null;
                        }[];
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    clearThrottle: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    key?: string;
                    username?: string;
                };
            };
        };
        responses: {
            /** @description how many were cleared */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        cleared: number;
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getDirectoryOverview: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the directories and the admin’s rules */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        sources: components["schemas"]["DirectorySource"][];
                        rules: components["schemas"]["DirectoryRule"][];
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    saveDirectorySource: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description 目录名称 / the directory’s name */
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description the directory as saved (without secrets) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DirectorySource"];
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    removeDirectorySource: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description 目录名称 / the directory’s name */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description no content / 无内容 */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    syncDirectorySource: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description 目录名称 / the directory’s name */
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    dryRun: boolean;
                };
            };
        };
        responses: {
            /** @description what the sync changed, or would change */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        source: string;
                        dryRun: boolean;
                        /** @description how many of each kind of change */
                        counts: {
                            unitsCreated: number;
                            unitsRenamed: number;
                            unitsMoved: number;
                            usersCreated: number;
                            usersUpdated: number;
                            usersDeactivated: number;
                            usersReactivated: number;
                            grantsAdded: number;
                            /** @description rules naming a unit that is neither synced nor an org unit (skipped) */
                            unknownUnits: number;
                        };
                        /** @description up to 50 names per kind of change */
                        samples: {
                            [key: string]: string[];
                        };
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    addDirectoryRule: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    source: string;
                    group?: string;
                    department?: string;
                    role: string;
                    unit?: string;
                };
            };
        };
        responses: {
            /** @description the rule */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DirectoryRule"];
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    removeDirectoryRule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id (26-character ULID unless stated otherwise) of the thing the path names */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description no content / 无内容 */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listCannedReplies: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            procedureId: string | null;
                            orgUnitId: string | null;
                            title: string;
                            body: string;
                            createdBy: string;
                            createdAt: string;
                            updatedAt: string;
                        }[];
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    addCannedReply: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description null: every procedure
                     * @default null
                     */
                    procedureId?: string | null;
                    /**
                     * @description null: the whole organisation
                     * @default null
                     */
                    orgUnitId?: string | null;
                    title: string;
                    body: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        procedureId: string | null;
                        orgUnitId: string | null;
                        title: string;
                        body: string;
                        createdBy: string;
                        createdAt: string;
                        updatedAt: string;
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    changeCannedReply: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id (26-character ULID unless stated otherwise) of the thing the path names */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description null: every procedure
                     * @default null
                     */
                    procedureId?: string | null;
                    /**
                     * @description null: the whole organisation
                     * @default null
                     */
                    orgUnitId?: string | null;
                    title: string;
                    body: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        procedureId: string | null;
                        orgUnitId: string | null;
                        title: string;
                        body: string;
                        createdBy: string;
                        createdAt: string;
                        updatedAt: string;
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    removeCannedReply: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id (26-character ULID unless stated otherwise) of the thing the path names */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description no content / 无内容 */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    caseCannedReplies: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id (26-character ULID unless stated otherwise) of the thing the path names */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            procedureId: string | null;
                            orgUnitId: string | null;
                            title: string;
                            body: string;
                            createdBy: string;
                            createdAt: string;
                            updatedAt: string;
                            rendered: string;
                        }[];
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listProcedures: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description every procedure */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            name: {
                                "zh-CN": string;
                                en?: string;
                            };
                            latestVersion: number;
                            /** @description open to the public portal */
                            public: boolean;
                            /** @description of the latest version */
                            categories: {
                                id: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                            }[];
                            /** @description newest first */
                            versions: {
                                version: number;
                                loadedAt: string;
                                latest: boolean;
                                /** @description SHA-256 of the source */
                                hash: string;
                            }[];
                        }[];
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    importProcedure: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    yaml: string;
                    /** @default false */
                    dryRun?: boolean;
                };
            };
        };
        responses: {
            /** @description valid, not stored (dryRun) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        version: number;
                        /** @description false: only validated (dryRun) */
                        stored: boolean;
                    };
                };
            };
            /** @description stored as the next version */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        version: number;
                        /** @description false: only validated (dryRun) */
                        stored: boolean;
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getProcedureVersion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id (26-character ULID unless stated otherwise) of the thing the path names */
                id: string;
                /** @description a procedure version number */
                version: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the version as recorded */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        version: number;
                        loadedAt: string;
                        latest: boolean;
                        /** @description the validated definition (docs/procedures.md) */
                        definition: {
                            id: string;
                            version: number;
                            name: {
                                "zh-CN": string;
                                en?: string;
                            };
                            description?: {
                                "zh-CN": string;
                                en?: string;
                            };
                            /** @default [] */
                            sources: string[];
                            /** @default [] */
                            implements: string[];
                            roles: {
                                id: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /**
                                 * @default [
                                 *       "read"
                                 *     ]
                                 */
                                permissions: ("read" | "intake" | "identity:view" | "supervise" | "audit" | "records" | "surveys")[];
                            }[];
                            recordingBy?: {
                                /** @enum {string} */
                                scope: "handling-unit";
                                /** @default [] */
                                except: string[];
                            };
                            /** @default [] */
                            categories: {
                                id: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                            }[];
                            /** @default [] */
                            severities: {
                                id: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                            }[];
                            /** @default [] */
                            outcomes: {
                                id: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                            }[];
                            intake: {
                                kinds: ("complaint" | "suggestion" | "report" | "appeal")[];
                                channels: ("web" | "email" | "phone" | "walk-in" | "letter" | "fax" | "wechat" | "box" | "third-party" | "api")[];
                                /** @default false */
                                requireTruthAffirmation: boolean;
                                /** @default [] */
                                require: ("occurredAt" | "location" | "requestedOutcome" | "respondents" | "category")[];
                                /** @default {} */
                                requireByKind: {
                                    [key: string]: ("occurredAt" | "location" | "requestedOutcome" | "respondents" | "category")[];
                                };
                                /** @default [] */
                                fields: ({
                                    name: string;
                                    label: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    required: boolean;
                                    sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                    help?: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    public: boolean;
                                    kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                    roles?: string[];
                                    /** @enum {string} */
                                    type: "text";
                                    /** @default 500 */
                                    maxLength: number;
                                } | {
                                    name: string;
                                    label: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    required: boolean;
                                    sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                    help?: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    public: boolean;
                                    kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                    roles?: string[];
                                    /** @enum {string} */
                                    type: "longtext";
                                    /** @default 20000 */
                                    maxLength: number;
                                } | {
                                    name: string;
                                    label: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    required: boolean;
                                    sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                    help?: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    public: boolean;
                                    kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                    roles?: string[];
                                    /** @enum {string} */
                                    type: "enum";
                                    options: {
                                        id: string;
                                        label: {
                                            "zh-CN": string;
                                            en?: string;
                                        };
                                    }[];
                                } | {
                                    name: string;
                                    label: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    required: boolean;
                                    sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                    help?: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    public: boolean;
                                    kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                    roles?: string[];
                                    /** @enum {string} */
                                    type: "category";
                                } | {
                                    name: string;
                                    label: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    required: boolean;
                                    sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                    help?: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    public: boolean;
                                    kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                    roles?: string[];
                                    /** @enum {string} */
                                    type: "severity";
                                } | {
                                    name: string;
                                    label: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    required: boolean;
                                    sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                    help?: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    public: boolean;
                                    kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                    roles?: string[];
                                    /** @enum {string} */
                                    type: "user";
                                } | {
                                    name: string;
                                    label: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    required: boolean;
                                    sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                    help?: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    public: boolean;
                                    kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                    roles?: string[];
                                    /** @enum {string} */
                                    type: "unit";
                                } | {
                                    name: string;
                                    label: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    required: boolean;
                                    sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                    help?: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    public: boolean;
                                    kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                    roles?: string[];
                                    /** @enum {string} */
                                    type: "date";
                                    /** @default false */
                                    notPast: boolean;
                                } | {
                                    name: string;
                                    label: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    required: boolean;
                                    sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                    help?: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    public: boolean;
                                    kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                    roles?: string[];
                                    /** @enum {string} */
                                    type: "datetime";
                                } | {
                                    name: string;
                                    label: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    required: boolean;
                                    sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                    help?: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    public: boolean;
                                    kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                    roles?: string[];
                                    /** @enum {string} */
                                    type: "integer";
                                    min?: number;
                                    max?: number;
                                } | {
                                    name: string;
                                    label: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    required: boolean;
                                    sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                    help?: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    public: boolean;
                                    kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                    roles?: string[];
                                    /** @enum {string} */
                                    type: "number";
                                    min?: number;
                                    max?: number;
                                } | {
                                    name: string;
                                    label: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    required: boolean;
                                    sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                    help?: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    public: boolean;
                                    kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                    roles?: string[];
                                    /** @enum {string} */
                                    type: "boolean";
                                    /** @default false */
                                    mustBeTrue: boolean;
                                } | {
                                    name: string;
                                    label: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    required: boolean;
                                    sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                    help?: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    public: boolean;
                                    kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                    roles?: string[];
                                    /** @enum {string} */
                                    type: "rating";
                                    /** @default 5 */
                                    max: number;
                                })[];
                                /** @default true */
                                public: boolean;
                                repeats?: {
                                    windowDays: number;
                                    match: ("submitter" | "respondent")[];
                                    raiseSeverity?: {
                                        to: string;
                                        /** @default 1 */
                                        unresolvedAtLeast: number;
                                    };
                                };
                                /** @default [] */
                                ageWarnings: {
                                    field: string;
                                    years: number;
                                    rule: string;
                                    label: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                }[];
                                /** @default [] */
                                stamps: ({
                                    set: string;
                                    byReceivedDate: {
                                        /** Format: date */
                                        before?: string;
                                        value: string;
                                    }[];
                                } | {
                                    set: string;
                                    bySubmitter: {
                                        named: string;
                                        anonymous: string;
                                    };
                                })[];
                                /** @default {} */
                                kindProcedures: {
                                    [key: string]: string;
                                };
                                /**
                                 * @default {
                                 *       "complaint": "TS",
                                 *       "suggestion": "JY",
                                 *       "report": "JB",
                                 *       "appeal": "SS"
                                 *     }
                                 */
                                trackingPrefix: {
                                    [key: string]: string;
                                };
                                unit?: {
                                    /** @enum {string} */
                                    choose: "required" | "optional";
                                    level?: number;
                                };
                                publicText: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default [] */
                                notify: {
                                    to: "submitter" | "assignee" | string;
                                    template: string;
                                    when?: {
                                        target: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                        equals: string | number | boolean;
                                    };
                                }[];
                            };
                            states: {
                                id: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                /** @default false */
                                initial: boolean;
                                /** @default false */
                                terminal: boolean;
                            }[];
                            actions: {
                                id: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                from: string[];
                                to?: string;
                                kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                roles: string[];
                                /** @default [] */
                                input: (({
                                    name: string;
                                    label: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    required: boolean;
                                    sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                    help?: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    public: boolean;
                                    kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                    roles?: string[];
                                    /** @enum {string} */
                                    type: "text";
                                    /** @default 500 */
                                    maxLength: number;
                                } | {
                                    name: string;
                                    label: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    required: boolean;
                                    sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                    help?: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    public: boolean;
                                    kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                    roles?: string[];
                                    /** @enum {string} */
                                    type: "longtext";
                                    /** @default 20000 */
                                    maxLength: number;
                                } | {
                                    name: string;
                                    label: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    required: boolean;
                                    sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                    help?: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    public: boolean;
                                    kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                    roles?: string[];
                                    /** @enum {string} */
                                    type: "enum";
                                    options: {
                                        id: string;
                                        label: {
                                            "zh-CN": string;
                                            en?: string;
                                        };
                                    }[];
                                } | {
                                    name: string;
                                    label: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    required: boolean;
                                    sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                    help?: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    public: boolean;
                                    kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                    roles?: string[];
                                    /** @enum {string} */
                                    type: "category";
                                } | {
                                    name: string;
                                    label: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    required: boolean;
                                    sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                    help?: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    public: boolean;
                                    kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                    roles?: string[];
                                    /** @enum {string} */
                                    type: "severity";
                                } | {
                                    name: string;
                                    label: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    required: boolean;
                                    sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                    help?: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    public: boolean;
                                    kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                    roles?: string[];
                                    /** @enum {string} */
                                    type: "user";
                                } | {
                                    name: string;
                                    label: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    required: boolean;
                                    sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                    help?: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    public: boolean;
                                    kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                    roles?: string[];
                                    /** @enum {string} */
                                    type: "unit";
                                } | {
                                    name: string;
                                    label: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    required: boolean;
                                    sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                    help?: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    public: boolean;
                                    kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                    roles?: string[];
                                    /** @enum {string} */
                                    type: "date";
                                    /** @default false */
                                    notPast: boolean;
                                } | {
                                    name: string;
                                    label: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    required: boolean;
                                    sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                    help?: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    public: boolean;
                                    kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                    roles?: string[];
                                    /** @enum {string} */
                                    type: "datetime";
                                } | {
                                    name: string;
                                    label: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    required: boolean;
                                    sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                    help?: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    public: boolean;
                                    kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                    roles?: string[];
                                    /** @enum {string} */
                                    type: "integer";
                                    min?: number;
                                    max?: number;
                                } | {
                                    name: string;
                                    label: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    required: boolean;
                                    sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                    help?: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    public: boolean;
                                    kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                    roles?: string[];
                                    /** @enum {string} */
                                    type: "number";
                                    min?: number;
                                    max?: number;
                                } | {
                                    name: string;
                                    label: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    required: boolean;
                                    sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                    help?: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    public: boolean;
                                    kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                    roles?: string[];
                                    /** @enum {string} */
                                    type: "boolean";
                                    /** @default false */
                                    mustBeTrue: boolean;
                                } | {
                                    name: string;
                                    label: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    required: boolean;
                                    sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                    help?: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    public: boolean;
                                    kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                    roles?: string[];
                                    /** @enum {string} */
                                    type: "rating";
                                    /** @default 5 */
                                    max: number;
                                }) | {
                                    name: string;
                                    label: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    required: boolean;
                                    sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                    help?: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @default false */
                                    public: boolean;
                                    kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                    roles?: string[];
                                    /** @enum {string} */
                                    type: "list";
                                    /** @default 0 */
                                    minItems: number;
                                    /** @default 50 */
                                    maxItems: number;
                                    /** @default false */
                                    append: boolean;
                                    items: ({
                                        name: string;
                                        label: {
                                            "zh-CN": string;
                                            en?: string;
                                        };
                                        /** @default false */
                                        required: boolean;
                                        sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                        help?: {
                                            "zh-CN": string;
                                            en?: string;
                                        };
                                        /** @default false */
                                        public: boolean;
                                        kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                        roles?: string[];
                                        /** @enum {string} */
                                        type: "text";
                                        /** @default 500 */
                                        maxLength: number;
                                    } | {
                                        name: string;
                                        label: {
                                            "zh-CN": string;
                                            en?: string;
                                        };
                                        /** @default false */
                                        required: boolean;
                                        sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                        help?: {
                                            "zh-CN": string;
                                            en?: string;
                                        };
                                        /** @default false */
                                        public: boolean;
                                        kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                        roles?: string[];
                                        /** @enum {string} */
                                        type: "longtext";
                                        /** @default 20000 */
                                        maxLength: number;
                                    } | {
                                        name: string;
                                        label: {
                                            "zh-CN": string;
                                            en?: string;
                                        };
                                        /** @default false */
                                        required: boolean;
                                        sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                        help?: {
                                            "zh-CN": string;
                                            en?: string;
                                        };
                                        /** @default false */
                                        public: boolean;
                                        kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                        roles?: string[];
                                        /** @enum {string} */
                                        type: "enum";
                                        options: {
                                            id: string;
                                            label: {
                                                "zh-CN": string;
                                                en?: string;
                                            };
                                        }[];
                                    } | {
                                        name: string;
                                        label: {
                                            "zh-CN": string;
                                            en?: string;
                                        };
                                        /** @default false */
                                        required: boolean;
                                        sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                        help?: {
                                            "zh-CN": string;
                                            en?: string;
                                        };
                                        /** @default false */
                                        public: boolean;
                                        kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                        roles?: string[];
                                        /** @enum {string} */
                                        type: "category";
                                    } | {
                                        name: string;
                                        label: {
                                            "zh-CN": string;
                                            en?: string;
                                        };
                                        /** @default false */
                                        required: boolean;
                                        sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                        help?: {
                                            "zh-CN": string;
                                            en?: string;
                                        };
                                        /** @default false */
                                        public: boolean;
                                        kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                        roles?: string[];
                                        /** @enum {string} */
                                        type: "severity";
                                    } | {
                                        name: string;
                                        label: {
                                            "zh-CN": string;
                                            en?: string;
                                        };
                                        /** @default false */
                                        required: boolean;
                                        sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                        help?: {
                                            "zh-CN": string;
                                            en?: string;
                                        };
                                        /** @default false */
                                        public: boolean;
                                        kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                        roles?: string[];
                                        /** @enum {string} */
                                        type: "user";
                                    } | {
                                        name: string;
                                        label: {
                                            "zh-CN": string;
                                            en?: string;
                                        };
                                        /** @default false */
                                        required: boolean;
                                        sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                        help?: {
                                            "zh-CN": string;
                                            en?: string;
                                        };
                                        /** @default false */
                                        public: boolean;
                                        kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                        roles?: string[];
                                        /** @enum {string} */
                                        type: "unit";
                                    } | {
                                        name: string;
                                        label: {
                                            "zh-CN": string;
                                            en?: string;
                                        };
                                        /** @default false */
                                        required: boolean;
                                        sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                        help?: {
                                            "zh-CN": string;
                                            en?: string;
                                        };
                                        /** @default false */
                                        public: boolean;
                                        kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                        roles?: string[];
                                        /** @enum {string} */
                                        type: "date";
                                        /** @default false */
                                        notPast: boolean;
                                    } | {
                                        name: string;
                                        label: {
                                            "zh-CN": string;
                                            en?: string;
                                        };
                                        /** @default false */
                                        required: boolean;
                                        sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                        help?: {
                                            "zh-CN": string;
                                            en?: string;
                                        };
                                        /** @default false */
                                        public: boolean;
                                        kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                        roles?: string[];
                                        /** @enum {string} */
                                        type: "datetime";
                                    } | {
                                        name: string;
                                        label: {
                                            "zh-CN": string;
                                            en?: string;
                                        };
                                        /** @default false */
                                        required: boolean;
                                        sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                        help?: {
                                            "zh-CN": string;
                                            en?: string;
                                        };
                                        /** @default false */
                                        public: boolean;
                                        kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                        roles?: string[];
                                        /** @enum {string} */
                                        type: "integer";
                                        min?: number;
                                        max?: number;
                                    } | {
                                        name: string;
                                        label: {
                                            "zh-CN": string;
                                            en?: string;
                                        };
                                        /** @default false */
                                        required: boolean;
                                        sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                        help?: {
                                            "zh-CN": string;
                                            en?: string;
                                        };
                                        /** @default false */
                                        public: boolean;
                                        kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                        roles?: string[];
                                        /** @enum {string} */
                                        type: "number";
                                        min?: number;
                                        max?: number;
                                    } | {
                                        name: string;
                                        label: {
                                            "zh-CN": string;
                                            en?: string;
                                        };
                                        /** @default false */
                                        required: boolean;
                                        sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                        help?: {
                                            "zh-CN": string;
                                            en?: string;
                                        };
                                        /** @default false */
                                        public: boolean;
                                        kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                        roles?: string[];
                                        /** @enum {string} */
                                        type: "boolean";
                                        /** @default false */
                                        mustBeTrue: boolean;
                                    } | {
                                        name: string;
                                        label: {
                                            "zh-CN": string;
                                            en?: string;
                                        };
                                        /** @default false */
                                        required: boolean;
                                        sets?: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                        help?: {
                                            "zh-CN": string;
                                            en?: string;
                                        };
                                        /** @default false */
                                        public: boolean;
                                        kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                        roles?: string[];
                                        /** @enum {string} */
                                        type: "rating";
                                        /** @default 5 */
                                        max: number;
                                    })[];
                                })[];
                                /**
                                 * @default internal
                                 * @enum {string}
                                 */
                                visibility: "public" | "internal";
                                publicText?: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                updatesItemOf?: string;
                                /** @default [] */
                                guards: ({
                                    /** @enum {string} */
                                    type: "all-items-done";
                                    list: string;
                                    message: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                } | {
                                    /** @enum {string} */
                                    type: "has-value";
                                    target: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                    message: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                } | {
                                    /** @enum {string} */
                                    type: "no-value";
                                    target: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                    message: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                })[];
                                /** @enum {string} */
                                extension?: "request" | "decide";
                                /** @default {} */
                                fixed: {
                                    [key: string]: string | number | boolean;
                                };
                                /**
                                 * @default {
                                 *       "start": [],
                                 *       "stop": [],
                                 *       "pause": [],
                                 *       "resume": []
                                 *     }
                                 */
                                clocks: {
                                    /** @default [] */
                                    start: string[];
                                    /** @default [] */
                                    stop: string[];
                                    /** @default [] */
                                    pause: string[];
                                    /** @default [] */
                                    resume: string[];
                                    retarget?: string[];
                                };
                                /** @default [] */
                                notify: {
                                    to: "submitter" | "assignee" | string;
                                    template: string;
                                    when?: {
                                        target: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                        equals: string | number | boolean;
                                    };
                                }[];
                                approval?: {
                                    roles: string[];
                                    when?: {
                                        target: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                        equals: string | number | boolean;
                                    };
                                };
                                /** @default false */
                                decidesApproval: boolean;
                                opens?: {
                                    procedure: string;
                                    /** @enum {string} */
                                    kind: "complaint" | "suggestion" | "report" | "appeal";
                                    /** @enum {string} */
                                    link: "appeal" | "enforcement-lead" | "retaliation" | "repeat" | "duplicate" | "related";
                                };
                                /** @enum {string} */
                                moves?: "intake" | "parent" | "top";
                                invites?: {
                                    field: string;
                                    days: number;
                                };
                                improvement?: {
                                    /** @enum {string} */
                                    kind: "corrective" | "training";
                                    title: string;
                                    /** @default [] */
                                    description: string[];
                                    owner?: string;
                                    dueDate?: string;
                                    cause?: string;
                                };
                            }[];
                            /** @default [] */
                            clocks: {
                                id: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                rule?: string;
                                public?: boolean;
                                /** @enum {string} */
                                unit: "hours" | "same-day" | "natural-days" | "working-days" | "calendar-months";
                                length: number;
                                dueFrom?: {
                                    target: string;
                                    severities?: string[];
                                    item?: string;
                                    /** @enum {string} */
                                    pick?: "latest" | "earliest-open";
                                    /** @default false */
                                    only: boolean;
                                };
                                bySeverity?: {
                                    [key: string]: number;
                                };
                                /**
                                 * @default action
                                 * @enum {string}
                                 */
                                startsOn: "submit" | "action";
                                /**
                                 * @default action
                                 * @enum {string}
                                 */
                                countFrom: "action" | "received";
                                kinds?: ("complaint" | "suggestion" | "report" | "appeal")[];
                                registeredElsewhere?: boolean;
                                when?: {
                                    target: string;
                                    equals?: string;
                                    notEquals?: string;
                                };
                                /** @default 0.8 */
                                warnAt: number;
                                /** @default [] */
                                warnNotify: {
                                    to: "submitter" | "assignee" | string;
                                    template: string;
                                    when?: {
                                        target: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                        equals: string | number | boolean;
                                    };
                                }[];
                                /** @default [] */
                                onBreach: ({
                                    notify: {
                                        to: "submitter" | "assignee" | string;
                                        template: string;
                                        when?: {
                                            target: ("category" | "severity" | "assignee" | "outcome" | "orgUnit") | string;
                                            equals: string | number | boolean;
                                        };
                                    };
                                } | {
                                    raiseSeverity: string;
                                } | {
                                    /** @enum {boolean} */
                                    escalate: true;
                                } | {
                                    start: string;
                                })[];
                                extension?: {
                                    approvers: string[];
                                    approversBySeverity?: {
                                        [key: string]: string[];
                                    };
                                    maxLength: number;
                                };
                            }[];
                            appeal?: {
                                procedure?: string;
                                from: string[];
                                withinDays?: number;
                                /**
                                 * @default [
                                 *       {
                                 *         "label": {
                                 *           "zh-CN": "上一级",
                                 *           "en": "Next level"
                                 *         },
                                 *         "routeTo": "parent"
                                 *       }
                                 *     ]
                                 */
                                levels: {
                                    label: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    /** @enum {string} */
                                    routeTo: "parent" | "top";
                                }[];
                            };
                            /**
                             * @default {
                             *       "personalDataYears": 3,
                             *       "recordYears": 10,
                             *       "requestWorkingDays": 15
                             *     }
                             */
                            records: {
                                /** @default 3 */
                                personalDataYears: number;
                                /** @default 10 */
                                recordYears: number;
                                requestsHandledBy?: string;
                                /** @default 15 */
                                requestWorkingDays: number;
                            };
                            /**
                             * @default {
                             *       "routeTo": "parent"
                             *     }
                             */
                            recusal: {
                                routeTo: "parent" | string;
                                /** @enum {string} */
                                scope?: "person" | "unit";
                                /** @enum {string} */
                                departments?: "exclude" | "handle";
                            };
                            disclosure?: {
                                consentField: string;
                                from: string[];
                                proposedBy: string[];
                                reviewRole: string;
                                respondentNoticeDays: number;
                                result?: string;
                            };
                        };
                        /** @description the same as YAML: a starting point for the next version */
                        yaml: string;
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    addCategory: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id (26-character ULID unless stated otherwise) of the thing the path names */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    id: string;
                    label: {
                        "zh-CN": string;
                        en?: string;
                    };
                };
            };
        };
        responses: {
            /** @description the next version, with the category */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @description the new version */
                        version: number;
                        categories: {
                            id: string;
                            label: {
                                "zh-CN": string;
                                en?: string;
                            };
                        }[];
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    retireCategory: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id (26-character ULID unless stated otherwise) of the thing the path names */
                id: string;
                /** @description a category id of the procedure */
                category: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the next version, without the category */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @description the new version */
                        version: number;
                        categories: {
                            id: string;
                            label: {
                                "zh-CN": string;
                                en?: string;
                            };
                        }[];
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateCategory: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id (26-character ULID unless stated otherwise) of the thing the path names */
                id: string;
                /** @description a category id of the procedure */
                category: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    label: {
                        "zh-CN": string;
                        en?: string;
                    };
                };
            };
        };
        responses: {
            /** @description the next version, with the new label */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @description the new version */
                        version: number;
                        categories: {
                            id: string;
                            label: {
                                "zh-CN": string;
                                en?: string;
                            };
                        }[];
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listTokens: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description every token, revoked ones too (never the secret) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            userId: string;
                            username: string;
                            label: string;
                            scopes: ("read" | "write")[];
                            createdAt: string;
                            lastUsedAt: string | null;
                            revokedAt: string | null;
                        }[];
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    username: string;
                    label: string;
                    /** @enum {string} */
                    scope: "read" | "write";
                };
            };
        };
        responses: {
            /** @description the token: its secret is shown this once */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        userId: string;
                        username: string;
                        label: string;
                        scopes: ("read" | "write")[];
                        createdAt: string;
                        lastUsedAt: string | null;
                        revokedAt: string | null;
                        /** @description send it as Authorization: Bearer … */
                        token: string;
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    revokeToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id (26-character ULID unless stated otherwise) of the thing the path names */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description no content / 无内容 */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listAudit: {
        parameters: {
            query?: {
                /** @description the audited entity (case id, user id …) */
                entity?: string;
                /** @description who acted (user id or system name) */
                actor?: string;
                /** @description an action of the case procedure (lower-case kebab-case), as listed in the case view */
                action?: string;
                /** @description on or after this local day (YYYY-MM-DD) */
                from?: string;
                /** @description on or before this local day (YYYY-MM-DD) */
                to?: string;
                /** @description entries before this one (paging backwards) */
                before?: number;
                /** @description page size */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description newest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            seq: number;
                            at: string;
                            /** @description user:<id>, submitter, system:<job> … */
                            actor: string;
                            action: string;
                            entityType: string;
                            entityId: string | null;
                            /** @description what was done, by action (no personal data in clear) */
                            payload: unknown;
                            /** @description the hash chain the record belongs to (issue 22) */
                            chain: string;
                            /** @description its number within that chain: 1, 2, 3 … without gaps */
                            chainSeq: number;
                            /** @description SHA-256 over the previous hash of its chain and this record */
                            hash: string;
                        }[];
                        /** @description pass as `before` for the next page */
                        nextBefore: number | null;
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    verifyAuditChain: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the chain holds, or the first record where it breaks */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        ok: true;
                        records: number;
                        /** @description chains verified, the anchor chain included */
                        chains: number;
                        /** @description SHA-256 over every chain's head: one value to note down outside the database */
                        head: string;
                    } | {
                        /** @enum {boolean} */
                        ok: false;
                        records: number;
                        /** @description the chain where verification fails */
                        chain: string;
                        /** @description the record's number within its chain */
                        seq: number;
                        problem: string;
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    uploadAttachment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id (26-character ULID unless stated otherwise) of the thing the path names */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /**
                     * Format: binary
                     * @description the file, at most 10 MB / 文件，不超过 10 MB
                     */
                    file: string;
                    /**
                     * @description staff uploads: whether the submitter sees it (default internal)
                     * @enum {string}
                     */
                    visibility?: "internal" | "public";
                };
            };
        };
        responses: {
            /** @description attached */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        /** @description internal or public (the submitter sees it) */
                        visibility: string;
                        size: number;
                        mediaType: string;
                        sha256: string;
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    downloadAttachment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id (26-character ULID unless stated otherwise) of the thing the path names */
                id: string;
                /** @description the attachment id */
                attachment: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the file / 文件 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": string;
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    uploadSubmitterAttachment: {
        parameters: {
            query?: never;
            header: {
                /** @description 回执码 / the receipt given at submission, proving the caller is the submitter */
                "x-receipt": string;
            };
            path: {
                /** @description 查询码 / the tracking number given at submission */
                trackingNo: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /**
                     * Format: binary
                     * @description the file, at most 10 MB / 文件，不超过 10 MB
                     */
                    file: string;
                    /**
                     * @description staff uploads: whether the submitter sees it (default internal)
                     * @enum {string}
                     */
                    visibility?: "internal" | "public";
                };
            };
        };
        responses: {
            /** @description attached */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        /** @description internal or public (the submitter sees it) */
                        visibility: string;
                        size: number;
                        mediaType: string;
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description RATE_LIMITED: too many requests; the Retry-After header says when to retry */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    downloadSubmitterAttachment: {
        parameters: {
            query?: never;
            header: {
                /** @description 回执码 / the receipt given at submission, proving the caller is the submitter */
                "x-receipt": string;
            };
            path: {
                /** @description 查询码 / the tracking number given at submission */
                trackingNo: string;
                /** @description the attachment id */
                attachment: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the file / 文件 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": string;
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description RATE_LIMITED: too many requests; the Retry-After header says when to retry */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listOwnDataRequests: {
        parameters: {
            query?: never;
            header: {
                /** @description 回执码 / the receipt given at submission, proving the caller is the submitter */
                "x-receipt": string;
            };
            path: {
                /** @description 查询码 / the tracking number given at submission */
                trackingNo: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description your requests */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            type: string;
                            status: string;
                            dueAt: string;
                            answeredAt: string | null;
                            answer: string | null;
                            /** @description an answered access request: the data held about you */
                            yourData?: {
                                submitter: {
                                    name: string;
                                    phone?: string;
                                    email?: string;
                                    idNumber?: string;
                                    address?: string;
                                } | null;
                                respondents: {
                                    [key: string]: unknown;
                                }[];
                                subject: string;
                                description: string;
                            };
                        }[];
                        submitter: {
                            name: string;
                            phone?: string;
                            email?: string;
                            idNumber?: string;
                            address?: string;
                        } | null;
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description RATE_LIMITED: too many requests; the Retry-After header says when to retry */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    requestOwnData: {
        parameters: {
            query?: never;
            header: {
                /** @description 回执码 / the receipt given at submission, proving the caller is the submitter */
                "x-receipt": string;
            };
            path: {
                /** @description 查询码 / the tracking number given at submission */
                trackingNo: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    type: "access" | "correct" | "delete";
                    details: string;
                };
            };
        };
        responses: {
            /** @description asked: the answer is owed by dueAt */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @description access, correction or deletion */
                        type: string;
                        /** @enum {string} */
                        status: "open";
                        /** @description when the answer is owed */
                        dueAt: string;
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description RATE_LIMITED: too many requests; the Retry-After header says when to retry */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    placeHold: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id (26-character ULID unless stated otherwise) of the thing the path names */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason: string;
                };
            };
        };
        responses: {
            /** @description held */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        version: number;
                        trackingNo: string;
                    } | null;
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    releaseHold: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id (26-character ULID unless stated otherwise) of the thing the path names */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason: string;
                };
            };
        };
        responses: {
            /** @description released */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        version: number;
                        trackingNo: string;
                    } | null;
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    placeHolds: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason: string;
                    filter: {
                        procedure?: string;
                        q?: string;
                        status?: string;
                    };
                };
            };
        };
        responses: {
            /** @description how many were held, and skipped (held already or not visible) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        held: number;
                        skipped: number;
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    requestCaseData: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id (26-character ULID unless stated otherwise) of the thing the path names */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    type: "access" | "correct" | "delete";
                    details: string;
                };
            };
        };
        responses: {
            /** @description asked: the answer is owed by dueAt */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @description access, correction or deletion */
                        type: string;
                        /** @enum {string} */
                        status: "open";
                        /** @description when the answer is owed */
                        dueAt: string;
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listDataRequests: {
        parameters: {
            query?: {
                /** @description a state or a comma-separated list of states */
                status?: "open" | "fulfilled" | "refused";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the requests the caller may answer */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            caseId: string;
                            trackingNo: string;
                            type: string;
                            details: string;
                            status: string;
                            createdAt: string;
                            dueAt: string;
                            overdue: boolean;
                            answeredAt: string | null;
                            answer: string | null;
                        }[];
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    answerDataRequest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id (26-character ULID unless stated otherwise) of the thing the path names */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    decision: "fulfil" | "refuse";
                    answer: string;
                    correction?: {
                        name?: string;
                        phone?: string;
                        /** Format: email */
                        email?: string;
                        idNumber?: string;
                        address?: string;
                    };
                };
            };
        };
        responses: {
            /** @description answered */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        status: string;
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    exportCaseArchive: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id (26-character ULID unless stated otherwise) of the thing the path names */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the file / 文件 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/zip": string;
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    exportArchive: {
        parameters: {
            query: {
                /** @description on or after this local day (YYYY-MM-DD) */
                from: string;
                /** @description on or before this local day (YYYY-MM-DD) */
                to: string;
                /** @description an org unit id */
                unit?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the file / 文件 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/zip": string;
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listNotifications: {
        parameters: {
            query?: {
                /** @description only unread notices */
                unread?: "true" | "false";
                /** @description page size */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description newest first, and how many are unread */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        unread: number;
                        items: {
                            id: string;
                            caseId: string | null;
                            event: string;
                            title: {
                                "zh-CN": string;
                                en?: string;
                            } | string;
                            body: {
                                "zh-CN": string;
                                en?: string;
                            } | string;
                            createdAt: string;
                            readAt: string | null;
                        }[];
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    markNotificationRead: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id (26-character ULID unless stated otherwise) of the thing the path names */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description read (again: the first time) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        readAt: string;
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listDeliveries: {
        parameters: {
            query?: {
                /** @description a state or a comma-separated list of states */
                status?: "pending" | "sent" | "dead";
                /** @description a case id */
                case?: string;
                /** @description page size */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the deliveries */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description deliveries by status (a status with none is absent) */
                        counts: {
                            /** @description events not yet turned into deliveries */
                            notYetFannedOut: number;
                            pending?: number;
                            sent?: number;
                            dead?: number;
                        };
                        items: {
                            id: string;
                            caseId: string | null;
                            channel: string;
                            target: string;
                            status: string;
                            attempts: number;
                            nextAttemptAt: string | null;
                            lastError: string | null;
                            createdAt: string;
                            sentAt: string | null;
                        }[];
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    retryDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id (26-character ULID unless stated otherwise) of the thing the path names */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description queued again */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @enum {string} */
                        status: "pending";
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listPublishedDisclosures: {
        parameters: {
            query?: {
                /** @description a business (disclosures of this business only) */
                business?: string;
                /** @description a category id of the procedure */
                category?: string;
                /** @description page number (1-based) */
                page?: number;
                /** @description entries per page */
                pageSize?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description a page of published complaints */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            business: string;
                            category: string | null;
                            categoryLabel: {
                                "zh-CN": string;
                                en?: string;
                            } | null;
                            handledAt: string | null;
                            publishedAt: string | null;
                            statement: string;
                            result: string;
                        }[];
                        total: number;
                        page: number;
                        pageSize: number;
                        categories: {
                            id: string | null;
                            label: {
                                "zh-CN": string;
                                en?: string;
                            } | null;
                        }[];
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    proposeDisclosure: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id (26-character ULID unless stated otherwise) of the thing the path names */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description proposed, redacted: review it before it is published */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        caseId: string;
                        procedure: string;
                        status: string;
                        version: number;
                        business: string;
                        category: string | null;
                        categoryLabel: {
                            "zh-CN": string;
                            en?: string;
                        } | null;
                        /** @description redacted */
                        statement: string;
                        /** @description redacted */
                        result: string;
                        handledAt: string | null;
                        /** @description what redaction removed, by kind, how often */
                        redactionFound: {
                            [key: string]: number;
                        };
                        proposedAt: string;
                        notifiedAt: string | null;
                        publishableAt: string | null;
                        publishedAt: string | null;
                        unpublishedAt: string | null;
                        unpublishReason: string | null;
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listDisclosures: {
        parameters: {
            query?: {
                /** @description a state or a comma-separated list of states */
                status?: "draft" | "notified" | "published" | "unpublished";
                /** @description a case id */
                case?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the disclosures */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            caseId: string;
                            procedure: string;
                            status: string;
                            version: number;
                            business: string;
                            category: string | null;
                            categoryLabel: {
                                "zh-CN": string;
                                en?: string;
                            } | null;
                            /** @description redacted */
                            statement: string;
                            /** @description redacted */
                            result: string;
                            handledAt: string | null;
                            /** @description what redaction removed, by kind, how often */
                            redactionFound: {
                                [key: string]: number;
                            };
                            proposedAt: string;
                            notifiedAt: string | null;
                            publishableAt: string | null;
                            publishedAt: string | null;
                            unpublishedAt: string | null;
                            unpublishReason: string | null;
                        }[];
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getDisclosure: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id (26-character ULID unless stated otherwise) of the thing the path names */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the disclosure */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        caseId: string;
                        procedure: string;
                        status: string;
                        version: number;
                        business: string;
                        category: string | null;
                        categoryLabel: {
                            "zh-CN": string;
                            en?: string;
                        } | null;
                        /** @description redacted */
                        statement: string;
                        /** @description redacted */
                        result: string;
                        handledAt: string | null;
                        /** @description what redaction removed, by kind, how often */
                        redactionFound: {
                            [key: string]: number;
                        };
                        proposedAt: string;
                        notifiedAt: string | null;
                        publishableAt: string | null;
                        publishedAt: string | null;
                        unpublishedAt: string | null;
                        unpublishReason: string | null;
                        trackingNo: string;
                        /** @description the caller holds the review role */
                        canReview: boolean;
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    editDisclosure: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id (26-character ULID unless stated otherwise) of the thing the path names */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    statement?: string;
                    result?: string;
                    expectedVersion: number;
                };
            };
        };
        responses: {
            /** @description edited */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        caseId: string;
                        procedure: string;
                        status: string;
                        version: number;
                        business: string;
                        category: string | null;
                        categoryLabel: {
                            "zh-CN": string;
                            en?: string;
                        } | null;
                        /** @description redacted */
                        statement: string;
                        /** @description redacted */
                        result: string;
                        handledAt: string | null;
                        /** @description what redaction removed, by kind, how often */
                        redactionFound: {
                            [key: string]: number;
                        };
                        proposedAt: string;
                        notifiedAt: string | null;
                        publishableAt: string | null;
                        publishedAt: string | null;
                        unpublishedAt: string | null;
                        unpublishReason: string | null;
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    notifyDisclosure: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id (26-character ULID unless stated otherwise) of the thing the path names */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    method: "platform" | "letter" | "phone" | "email" | "in-person";
                    note?: string;
                    expectedVersion: number;
                };
            };
        };
        responses: {
            /** @description told: publishable after the waiting period */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        caseId: string;
                        procedure: string;
                        status: string;
                        version: number;
                        business: string;
                        category: string | null;
                        categoryLabel: {
                            "zh-CN": string;
                            en?: string;
                        } | null;
                        /** @description redacted */
                        statement: string;
                        /** @description redacted */
                        result: string;
                        handledAt: string | null;
                        /** @description what redaction removed, by kind, how often */
                        redactionFound: {
                            [key: string]: number;
                        };
                        proposedAt: string;
                        notifiedAt: string | null;
                        publishableAt: string | null;
                        publishedAt: string | null;
                        unpublishedAt: string | null;
                        unpublishReason: string | null;
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    publishDisclosure: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id (26-character ULID unless stated otherwise) of the thing the path names */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    expectedVersion: number;
                };
            };
        };
        responses: {
            /** @description published */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        caseId: string;
                        procedure: string;
                        status: string;
                        version: number;
                        business: string;
                        category: string | null;
                        categoryLabel: {
                            "zh-CN": string;
                            en?: string;
                        } | null;
                        /** @description redacted */
                        statement: string;
                        /** @description redacted */
                        result: string;
                        handledAt: string | null;
                        /** @description what redaction removed, by kind, how often */
                        redactionFound: {
                            [key: string]: number;
                        };
                        proposedAt: string;
                        notifiedAt: string | null;
                        publishableAt: string | null;
                        publishedAt: string | null;
                        unpublishedAt: string | null;
                        unpublishReason: string | null;
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    unpublishDisclosure: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id (26-character ULID unless stated otherwise) of the thing the path names */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason: string;
                    expectedVersion: number;
                };
            };
        };
        responses: {
            /** @description taken down */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        caseId: string;
                        procedure: string;
                        status: string;
                        version: number;
                        business: string;
                        category: string | null;
                        categoryLabel: {
                            "zh-CN": string;
                            en?: string;
                        } | null;
                        /** @description redacted */
                        statement: string;
                        /** @description redacted */
                        result: string;
                        handledAt: string | null;
                        /** @description what redaction removed, by kind, how often */
                        redactionFound: {
                            [key: string]: number;
                        };
                        proposedAt: string;
                        notifiedAt: string | null;
                        publishableAt: string | null;
                        publishedAt: string | null;
                        unpublishedAt: string | null;
                        unpublishReason: string | null;
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listImprovements: {
        parameters: {
            query?: {
                /** @description a state or a comma-separated list of states */
                status?: "open" | "in-progress" | "done";
                /** @description a case kind */
                kind?: "corrective" | "training" | "suggestion";
                /** @description a root cause */
                cause?: string;
                /** @description an org unit id */
                unit?: string;
                /** @description a case id */
                case?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the improvement actions */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            kind: string;
                            title: string;
                            description: string;
                            causeCategory: string;
                            owner: {
                                id: string;
                                name: string;
                            } | null;
                            orgUnitId: string;
                            dueDate: string | null;
                            status: string;
                            completionNote: string | null;
                            createdAt: string;
                            updatedAt: string;
                            completedAt: string | null;
                            version: number;
                            cases: {
                                id: string;
                                trackingNo: string;
                            }[];
                            overdue: boolean;
                        }[];
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createImprovement: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    kind: "corrective" | "training" | "suggestion";
                    title: string;
                    /** @default  */
                    description?: string;
                    causeCategory: string;
                    owner?: string;
                    orgUnit: string;
                    /** Format: date */
                    dueDate?: string;
                    /** @default [] */
                    cases?: string[];
                };
            };
        };
        responses: {
            /** @description created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        kind: string;
                        title: string;
                        description: string;
                        causeCategory: string;
                        owner: {
                            id: string;
                            name: string;
                        } | null;
                        orgUnitId: string;
                        dueDate: string | null;
                        status: string;
                        completionNote: string | null;
                        createdAt: string;
                        updatedAt: string;
                        completedAt: string | null;
                        version: number;
                        cases: {
                            id: string;
                            trackingNo: string;
                        }[];
                        overdue: boolean;
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getImprovement: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id (26-character ULID unless stated otherwise) of the thing the path names */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the improvement action */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        kind: string;
                        title: string;
                        description: string;
                        causeCategory: string;
                        owner: {
                            id: string;
                            name: string;
                        } | null;
                        orgUnitId: string;
                        dueDate: string | null;
                        status: string;
                        completionNote: string | null;
                        createdAt: string;
                        updatedAt: string;
                        completedAt: string | null;
                        version: number;
                        cases: {
                            id: string;
                            trackingNo: string;
                        }[];
                        overdue: boolean;
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateImprovement: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id (26-character ULID unless stated otherwise) of the thing the path names */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    title?: string;
                    description?: string;
                    causeCategory?: string;
                    owner?: string | null;
                    /** Format: date */
                    dueDate?: string | null;
                    /** @enum {string} */
                    status?: "open" | "in-progress" | "done";
                    completionNote?: string;
                    /** @default [] */
                    addCases?: string[];
                    /** @default [] */
                    removeCases?: string[];
                    expectedVersion: number;
                };
            };
        };
        responses: {
            /** @description updated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        kind: string;
                        title: string;
                        description: string;
                        causeCategory: string;
                        owner: {
                            id: string;
                            name: string;
                        } | null;
                        orgUnitId: string;
                        dueDate: string | null;
                        status: string;
                        completionNote: string | null;
                        createdAt: string;
                        updatedAt: string;
                        completedAt: string | null;
                        version: number;
                        cases: {
                            id: string;
                            trackingNo: string;
                        }[];
                        overdue: boolean;
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getSurvey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id (26-character ULID unless stated otherwise) of the thing the path names */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the questions, and whether it is open */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        title: string;
                        description: string;
                        questions: {
                            id: string;
                            /** @enum {string} */
                            type: "scale" | "text";
                            text: string;
                            required: boolean;
                        }[];
                        opensAt: string;
                        closesAt: string;
                        open: boolean;
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    answerSurvey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id (26-character ULID unless stated otherwise) of the thing the path names */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    code: string;
                    answers: {
                        [key: string]: number | string;
                    };
                };
            };
        };
        responses: {
            /** @description recorded, without who answered */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        accepted: true;
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description RATE_LIMITED: too many requests; the Retry-After header says when to retry */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listSurveys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the surveys */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            title: string;
                            description: string;
                            questions: {
                                id: string;
                                /** @enum {string} */
                                type: "scale" | "text";
                                text: string;
                                required: boolean;
                            }[];
                            opensAt: string;
                            closesAt: string;
                            orgUnitId: string;
                            createdAt: string;
                        }[];
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createSurvey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    title: string;
                    /** @default  */
                    description?: string;
                    questions: {
                        /** @enum {string} */
                        type: "scale" | "text";
                        text: string;
                        /** @default true */
                        required?: boolean;
                    }[];
                    /** Format: date-time */
                    opensAt: string;
                    /** Format: date-time */
                    closesAt: string;
                    orgUnit: string;
                    codes: number;
                };
            };
        };
        responses: {
            /** @description created, with its one-time codes (shown once: hand them out) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        title: string;
                        description: string;
                        questions: {
                            id: string;
                            /** @enum {string} */
                            type: "scale" | "text";
                            text: string;
                            required: boolean;
                        }[];
                        opensAt: string;
                        closesAt: string;
                        orgUnitId: string;
                        createdAt: string;
                        codes: string[];
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getSurveyResults: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id (26-character ULID unless stated otherwise) of the thing the path names */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the results (withheld below the minimum) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        survey: {
                            id: string;
                            title: string;
                            description: string;
                            questions: {
                                id: string;
                                /** @enum {string} */
                                type: "scale" | "text";
                                text: string;
                                required: boolean;
                            }[];
                            opensAt: string;
                            closesAt: string;
                            orgUnitId: string;
                            createdAt: string;
                        };
                        responses: number;
                        codesIssued: number;
                        responseRate: number;
                        /** @description fewer answers than minResponses: nothing but the count is given */
                        withheld: boolean;
                        minResponses: number;
                        questions: ({
                            id: string;
                            /** @enum {string} */
                            type: "scale";
                            text: string;
                            answered: number;
                            average: number | null;
                            /** @description answers per point 1–5 */
                            distribution: {
                                [key: string]: number;
                            };
                        } | {
                            id: string;
                            /** @enum {string} */
                            type: "text";
                            text: string;
                            answered: number;
                            /** @description sorted, so their order tells nothing */
                            answers: string[];
                        })[];
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getStatistics: {
        parameters: {
            query: {
                /** @description first local day received (inclusive) */
                from: string;
                /** @description last local day received (inclusive) */
                to: string;
                /** @description an org unit id */
                unit?: string;
                /** @description a procedure id */
                procedure?: string;
                /** @description the output format */
                format?: "json" | "xlsx";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the statistics (JSON), or the same as an Excel workbook (format=xlsx) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        period: {
                            from: string;
                            to: string;
                            unitId: string | null;
                            unitName: string | null;
                            procedureId: string | null;
                        };
                        generatedAt: string;
                        total: number;
                        closed: number;
                        byProcedure: {
                            key: string;
                            label: {
                                "zh-CN": string;
                                en?: string;
                            };
                            count: number;
                        }[];
                        byKind: {
                            key: string;
                            label: {
                                "zh-CN": string;
                                en?: string;
                            };
                            count: number;
                        }[];
                        byCategory: {
                            key: string;
                            label: {
                                "zh-CN": string;
                                en?: string;
                            };
                            count: number;
                        }[];
                        bySeverity: {
                            key: string;
                            label: {
                                "zh-CN": string;
                                en?: string;
                            };
                            count: number;
                        }[];
                        byChannel: {
                            key: string;
                            label: {
                                "zh-CN": string;
                                en?: string;
                            };
                            count: number;
                        }[];
                        byUnit: {
                            key: string;
                            label: {
                                "zh-CN": string;
                                en?: string;
                            };
                            count: number;
                        }[];
                        byState: {
                            key: string;
                            label: {
                                "zh-CN": string;
                                en?: string;
                            };
                            count: number;
                        }[];
                        byMonth: {
                            month: string;
                            count: number;
                        }[];
                        onTime: {
                            met: number;
                            missed: number;
                            overdue: number;
                            running: number;
                            /** @description met of met and missed; null without any */
                            rate: number | null;
                            procedureId: string;
                            clock: string;
                            label: {
                                "zh-CN": string;
                                en?: string;
                            };
                        }[];
                        onTimeByUnit: {
                            met: number;
                            missed: number;
                            overdue: number;
                            running: number;
                            /** @description met of met and missed; null without any */
                            rate: number | null;
                            key: string;
                            label: {
                                "zh-CN": string;
                                en?: string;
                            };
                        }[];
                        handlingDays: {
                            count: number;
                            median: number | null;
                            p90: number | null;
                        };
                        satisfaction: {
                            responses: number;
                            eligible: number;
                            responseRate: number | null;
                            average: number | null;
                            distribution: {
                                rating: number;
                                count: number;
                            }[];
                        };
                        substantiated: {
                            withFinding: number;
                            substantiated: number;
                            partly: number;
                            notSubstantiated: number;
                            rate: number | null;
                        };
                        suggestions: {
                            received: number;
                            decided: number;
                            adopted: number;
                            notAdopted: number;
                            adoptionRate: number | null;
                        };
                        repeats: {
                            count: number;
                            rate: number | null;
                        };
                        appeals: {
                            appealed: number;
                            rate: number | null;
                            received: number;
                            byOutcome: {
                                key: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                count: number;
                            }[];
                        };
                        topRespondents: {
                            name: string;
                            count: number;
                        }[];
                        topCategories: {
                            key: string;
                            label: {
                                "zh-CN": string;
                                en?: string;
                            };
                            count: number;
                        }[];
                        /** @description EVA-3: below three answers only the count is given */
                        employeeSurveys: {
                            id: string;
                            title: string;
                            orgUnitId: string;
                            opensAt: string;
                            closesAt: string;
                            responses: number;
                            codesIssued: number;
                            responseRate: number | null;
                            withheld: boolean;
                            average: number | null;
                        }[];
                    };
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listHotspots: {
        parameters: {
            query?: {
                /** @description only this procedure */
                procedure?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        hotspots: {
                            procedureId: string;
                            procedureName: {
                                "zh-CN": string;
                                en?: string;
                            };
                            /** @enum {string} */
                            dimension: "respondent" | "category" | "place";
                            value: string;
                            label: {
                                "zh-CN": string;
                                en?: string;
                            };
                            /** @description cases in the recent window */
                            recent: number;
                            /** @description cases expected in that window from the series’ own baseline */
                            expected: number;
                            ratio: number;
                            pValue: number;
                            /** @description the recent cases behind it, newest first (at most 50) */
                            caseIds: string[];
                            /** @description the same cases with their tracking numbers, for links */
                            cases: {
                                id: string;
                                trackingNo: string;
                            }[];
                        }[];
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getCaseSuggestions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id (26-character ULID unless stated otherwise) of the thing the path names */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        category?: {
                            /** @description category or severity id of the procedure, or org unit id */
                            value: string;
                            label: {
                                "zh-CN": string;
                                en?: string;
                            };
                            /** @description posterior probability, at least the floor (docs/triage.md) */
                            confidence: number;
                            /** @description words of this case that drove it */
                            because: string[];
                        };
                        severity?: {
                            /** @description category or severity id of the procedure, or org unit id */
                            value: string;
                            label: {
                                "zh-CN": string;
                                en?: string;
                            };
                            /** @description posterior probability, at least the floor (docs/triage.md) */
                            confidence: number;
                            /** @description words of this case that drove it */
                            because: string[];
                        };
                        unit?: {
                            /** @description category or severity id of the procedure, or org unit id */
                            value: string;
                            label: {
                                "zh-CN": string;
                                en?: string;
                            };
                            /** @description posterior probability, at least the floor (docs/triage.md) */
                            confidence: number;
                            /** @description words of this case that drove it */
                            because: string[];
                        };
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    decideSuggestion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id (26-character ULID unless stated otherwise) of the thing the path names */
                id: string;
                /** @description the input field of the action */
                field: "category" | "severity" | "unit";
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    chosen: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        field: "category" | "severity" | "unit";
                        suggested: string | null;
                        chosen: string;
                        accepted: boolean;
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ACTION_NOT_ALLOWED, PRECONDITION_FAILED, VERSION_CONFLICT or CONFLICT: the state does not allow it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE: send application/json (multipart/form-data for uploads) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNKNOWN_PROCEDURE, IDEMPOTENCY_KEY_REUSED or UNKNOWN_ORG_UNIT: well-formed but cannot be processed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listSimilarCases: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id (26-character ULID unless stated otherwise) of the thing the path names */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the action that closes this case as a duplicate (ground: duplicate), when allowed now */
                        closeAsDuplicate: {
                            action: string;
                            groundField: string;
                            textField: string;
                        } | null;
                        /** @description best first, at most 10 */
                        similar: {
                            id: string;
                            trackingNo: string;
                            subject: string;
                            status: string;
                            receivedAt: string;
                            open: boolean;
                            /** @description text similarity plus the same-party bonus, at most 1 */
                            score: number;
                            /** @description Jaccard index of the two texts’ words and character bigrams */
                            text: number;
                            sameSubmitter: boolean;
                            sameRespondent: boolean;
                        }[];
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getSuggestionAcceptance: {
        parameters: {
            query?: {
                /** @description default: 90 days ago */
                since?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        rates: {
                            procedureId: string;
                            /** @enum {string} */
                            field: "category" | "severity" | "unit";
                            accepted: number;
                            overridden: number;
                            rate: number | null;
                        }[];
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listReports: {
        parameters: {
            query?: {
                /** @description a month (YYYY-MM) */
                month?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the reports the caller may read */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            month: string;
                            unitId: string | null;
                            unitName: string;
                            generatedAt: string;
                            generatedBy: string;
                            total: number;
                            closed: number;
                        }[];
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getReport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the id (26-character ULID unless stated otherwise) of the thing the path names */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the report */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        month: string;
                        unitId: string | null;
                        unitName: string;
                        generatedAt: string;
                        generatedBy: string;
                        total: number;
                        closed: number;
                        stats: {
                            period: {
                                from: string;
                                to: string;
                                unitId: string | null;
                                unitName: string | null;
                                procedureId: string | null;
                            };
                            generatedAt: string;
                            total: number;
                            closed: number;
                            byProcedure: {
                                key: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                count: number;
                            }[];
                            byKind: {
                                key: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                count: number;
                            }[];
                            byCategory: {
                                key: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                count: number;
                            }[];
                            bySeverity: {
                                key: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                count: number;
                            }[];
                            byChannel: {
                                key: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                count: number;
                            }[];
                            byUnit: {
                                key: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                count: number;
                            }[];
                            byState: {
                                key: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                count: number;
                            }[];
                            byMonth: {
                                month: string;
                                count: number;
                            }[];
                            onTime: {
                                met: number;
                                missed: number;
                                overdue: number;
                                running: number;
                                /** @description met of met and missed; null without any */
                                rate: number | null;
                                procedureId: string;
                                clock: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                            }[];
                            onTimeByUnit: {
                                met: number;
                                missed: number;
                                overdue: number;
                                running: number;
                                /** @description met of met and missed; null without any */
                                rate: number | null;
                                key: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                            }[];
                            handlingDays: {
                                count: number;
                                median: number | null;
                                p90: number | null;
                            };
                            satisfaction: {
                                responses: number;
                                eligible: number;
                                responseRate: number | null;
                                average: number | null;
                                distribution: {
                                    rating: number;
                                    count: number;
                                }[];
                            };
                            substantiated: {
                                withFinding: number;
                                substantiated: number;
                                partly: number;
                                notSubstantiated: number;
                                rate: number | null;
                            };
                            suggestions?: {
                                received: number;
                                decided: number;
                                adopted: number;
                                notAdopted: number;
                                adoptionRate: number | null;
                            };
                            repeats: {
                                count: number;
                                rate: number | null;
                            };
                            appeals: {
                                appealed: number;
                                rate: number | null;
                                received: number;
                                byOutcome: {
                                    key: string;
                                    label: {
                                        "zh-CN": string;
                                        en?: string;
                                    };
                                    count: number;
                                }[];
                            };
                            topRespondents: {
                                name: string;
                                count: number;
                            }[];
                            topCategories: {
                                key: string;
                                label: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                count: number;
                            }[];
                            /** @description EVA-3: below three answers only the count is given */
                            employeeSurveys: {
                                id: string;
                                title: string;
                                orgUnitId: string;
                                opensAt: string;
                                closesAt: string;
                                responses: number;
                                codesIssued: number;
                                responseRate: number | null;
                                withheld: boolean;
                                average: number | null;
                            }[];
                        };
                        notable: {
                            id: string;
                            trackingNo: string;
                            subject: string;
                            receivedAt: string;
                            orgUnitId: string | null;
                            procedure: {
                                "zh-CN": string;
                                en?: string;
                            };
                            status: {
                                "zh-CN": string;
                                en?: string;
                            };
                            severity: {
                                "zh-CN": string;
                                en?: string;
                            } | null;
                            reasons: string[];
                        }[];
                        extra: {
                            improvement: {
                                title: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                columns: {
                                    "zh-CN": string;
                                    en?: string;
                                }[];
                                rows: ((string | number) | null)[][];
                                note?: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                            } | null;
                            sections: {
                                title: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                                columns: {
                                    "zh-CN": string;
                                    en?: string;
                                }[];
                                rows: ((string | number) | null)[][];
                                note?: {
                                    "zh-CN": string;
                                    en?: string;
                                };
                            }[];
                        };
                    };
                };
            };
            /** @description VALIDATION_FAILED or MALFORMED_JSON: the request is invalid; details.issues name the fields */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED or INVALID_CREDENTIALS: no valid session or bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FORBIDDEN: not allowed by the access policy, a read-only token, or a missing X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND or UNKNOWN_ACTION: no such thing visible to the caller (or a wrong receipt) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description DATABASE_UNAVAILABLE or UNAVAILABLE: retry after the Retry-After header */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
}
