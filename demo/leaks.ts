/**
 * What the demo store leaks, path → content: the files and pages real misconfigured stores
 * serve (document root at the Magento root, autoindex on, tools left behind).
 */
export interface Leak {
  readonly type: string;
  readonly body: string;
}

const ADMIN_LOGIN = `<!doctype html>
<html lang="en"><head><title>Magento Admin</title></head>
<body class="adminhtml-auth-login page-layout-admin-login">
<form method="post" action="/admin/admin/index/index/key/0f1e2d3c/" id="login-form">
<input name="form_key" type="hidden" value="demoFormKey12345"/>
<input id="username" name="login[username]" type="text"/>
<input id="login" name="login[password]" type="password"/>
<button class="action-login action-primary">Sign in</button>
</form></body></html>
`;

const MEDIA_LISTING = `<html>
<head><title>Index of /media/</title></head>
<body>
<h1>Index of /media/</h1><hr><pre><a href="../">../</a>
<a href="catalog/">catalog/</a>                                          02-Nov-2026 10:11       -
<a href="customer/">customer/</a>                                         02-Nov-2026 10:11       -
<a href="import/">import/</a>                                           02-Nov-2026 10:11       -
</pre><hr></body>
</html>
`;

export const LEAKS: Readonly<Record<string, Leak>> = {
  '/.git/HEAD': { type: 'text/plain', body: 'ref: refs/heads/main\n' },
  '/.git/config': {
    type: 'text/plain',
    body: '[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n\tbare = false\n[remote "origin"]\n\turl = git@git.example.com:demo/store.git\n',
  },
  '/app/etc/env.php.bak': {
    type: 'application/octet-stream',
    body: "<?php\nreturn [\n    'backend' => ['frontName' => 'admin'],\n    'crypt' => ['key' => 'a4b1c6d8e0f24b6c8d0e2f4a6b8c0d2e'],\n    'db' => [\n        'connection' => [\n            'default' => [\n                'host' => 'db.internal',\n                'dbname' => 'magento',\n                'username' => 'magento',\n                'password' => 'S3cretDemoPassw0rd',\n            ],\n        ],\n    ],\n];\n",
  },
  '/var/log/exception.log': {
    type: 'text/plain',
    body: '[2026-11-02T10:11:12.123456+00:00] main.CRITICAL: Exception: Unable to connect to db.internal:3306 in /var/www/html/vendor/magento/framework/DB/Adapter/Pdo/Mysql.php:600\n',
  },
  '/media/': { type: 'text/html', body: MEDIA_LISTING },
  '/phpinfo.php': {
    type: 'text/html',
    body: '<!DOCTYPE html><html><head><title>phpinfo()</title></head><body><h1 class="p">PHP Version 7.4.3</h1></body></html>\n',
  },
  '/admin': { type: 'text/html; charset=UTF-8', body: ADMIN_LOGIN },
  '/magento_version': { type: 'text/plain', body: 'Magento/2.3 (Community)' },
  '/rest/V1/products': { type: 'application/json', body: '{"items":[{"id":1,"sku":"demo-tee","name":"Demo Tee","price":19}],"total_count":1}' },
};
