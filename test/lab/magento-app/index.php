<?php
/*
 * A lab stand-in for Magento 2's front controller: answers the URLs mageprobe looks at the
 * way a real store does (markup, status codes, JSON shapes). Behaviour per server block
 * comes from fastcgi params:
 *   MAGE_LAB_DEVELOPER  "1": developer mode, errors show stack traces and file paths
 *   MAGE_LAB_ADMIN      admin frontName ("admin", or a custom one)
 *   MAGE_LAB_VERSION    "1": /magento_version answers (Magento_Version module enabled)
 *   MAGE_LAB_REST_OPEN  "1": protected REST resources answer anonymous requests
 *   MAGE_LAB_SESSION    cookie attributes: storefront pages start a PHPSESSID session with them
 */
$developer = ($_SERVER['MAGE_LAB_DEVELOPER'] ?? '') === '1';
$adminName = $_SERVER['MAGE_LAB_ADMIN'] ?? 'admin';
$versionOn = ($_SERVER['MAGE_LAB_VERSION'] ?? '') === '1';
$restOpen = ($_SERVER['MAGE_LAB_REST_OPEN'] ?? '') === '1';
$route = $MAGE_LAB_ROUTE ?? null;

$host = $_SERVER['HTTP_HOST'] ?? 'localhost';
// Debian's fastcgi_params pass HTTP_HOST as nginx's $host, without the port.
$port = $_SERVER['SERVER_PORT'] ?? '80';
if (!str_contains($host, ':') && !in_array($port, ['80', '443'], true)) $host .= ":$port";
$scheme = (($_SERVER['HTTPS'] ?? '') === 'on') ? 'https' : 'http';
$base = "$scheme://$host";
$path = parse_url($_SERVER['REQUEST_URI'] ?? '/', PHP_URL_PATH) ?: '/';
$viaIndex = str_starts_with($path, '/index.php');
$path = preg_replace('#^/index\.php#', '', $path) ?: '/';
$formKey = substr(str_replace(['+', '/', '='], '', base64_encode(random_bytes(16))), 0, 16);
$staticBase = "$base/static/version1700000000/frontend/Magento/luma/en_US";

function trace(): string {
    return "#0 /var/www/magento/vendor/magento/framework/App/Http.php(116): Magento\\Framework\\App\\FrontController->dispatch(Object(Magento\\Framework\\App\\Request\\Http))\n"
        . "#1 /var/www/magento/vendor/magento/framework/App/Bootstrap.php(264): Magento\\Framework\\App\\Http->launch()\n"
        . "#2 /var/www/magento/pub/index.php(30): Magento\\Framework\\App\\Bootstrap->run(Object(Magento\\Framework\\App\\Http\\Interceptor))\n"
        . "#3 {main}";
}

function json(int $status, array $body): void {
    http_response_code($status);
    header('Content-Type: application/json; charset=utf-8');
    echo json_encode($body, JSON_UNESCAPED_SLASHES);
}

function page(int $status, string $title, string $bodyClass, string $main): void {
    global $formKey, $staticBase;
    http_response_code($status);
    $session = $_SERVER['MAGE_LAB_SESSION'] ?? '';
    if ($session !== '') header('Set-Cookie: PHPSESSID=' . bin2hex(random_bytes(13)) . "; path=/; $session", false);
    header('Content-Type: text/html; charset=UTF-8');
    echo <<<HTML
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8"/>
<title>$title</title>
<link rel="stylesheet" type="text/css" media="all" href="$staticBase/mage/calendar.css" />
<script type="text/javascript" src="$staticBase/requirejs/require.js"></script>
<script type="text/x-magento-init">{"*": {"Magento_PageCache/js/form-key-provider": {"isPaginationCacheEnabled": 0}}}</script>
</head>
<body data-container="body" data-mage-init='{"loaderAjax": {}, "loader": { "icon": "$staticBase/images/loader-2.gif"}}' class="$bodyClass">
<div class="page-wrapper"><main id="maincontent" class="page-main">
$main
<form class="form minisearch" id="search_mini_form" action="/catalogsearch/result/" method="get"><input name="form_key" type="hidden" value="$formKey" /></form>
</main></div>
</body>
</html>
HTML;
}

function noRoute(): void {
    page(404, '404 Not Found', 'cms-no-route cms-noroute-index page-layout-2columns-right',
        '<dl><dt>The page you requested was not found, and we have a fine guess why.</dt><dd><ul class="disc"><li>If you typed the URL directly, please make sure the spelling is correct.</li></ul></dd></dl>');
}

function adminLogin(): void {
    global $formKey, $base, $adminName;
    http_response_code(200);
    header('Content-Type: text/html; charset=UTF-8');
    $key = bin2hex(random_bytes(16));
    echo <<<HTML
<!doctype html>
<html lang="en">
<head><meta charset="utf-8"/><title>Magento Admin</title>
<link rel="icon" type="image/x-icon" href="$base/static/adminhtml/Magento/backend/en_US/Magento_Theme/favicon.ico" />
</head>
<body data-container="body" id="html-body" class="adminhtml-auth-login page-layout-admin-login">
<section class="page-wrapper">
<form method="post" action="$base/$adminName/admin/index/index/key/$key/" id="login-form" data-mage-init='{"form": {}, "validation": {}}' autocomplete="off">
<fieldset class="admin__fieldset">
<legend class="admin__legend"><span>Welcome, please sign in</span></legend><br/>
<input name="form_key" type="hidden" value="$formKey" />
<div class="admin__field _required field-username"><label for="username" class="admin__field-label"><span>Username</span></label>
<div class="admin__field-control"><input id="username" class="admin__control-text" type="text" name="login[username]" autofocus value="" data-validate="{required:true}" placeholder="user name" autocomplete="off"/></div></div>
<div class="admin__field _required field-password"><label for="login" class="admin__field-label"><span>Password</span></label>
<div class="admin__field-control"><input id="login" class="admin__control-text" type="password" name="login[password]" data-validate="{required:true}" value="" placeholder="password" autocomplete="off"/></div></div>
<div class="form-actions"><div class="actions"><button class="action-login action-primary"><span>Sign in</span></button></div></div>
</fieldset>
</form>
</section>
</body>
</html>
HTML;
}

function errorReport(): void {
    global $developer;
    $id = preg_replace('/\D/', '', $_GET['id'] ?? '') ?: (string) random_int(100000000, 999999999);
    http_response_code(503);
    header('Content-Type: text/html; charset=UTF-8');
    $detail = $developer
        ? "<pre>Exception #0 (Magento\\Framework\\Exception\\LocalizedException): Unable to retrieve deployment version of static files from the file system.\n" . htmlspecialchars(trace()) . '</pre>'
        : '<p>Exception printing is disabled by default for security reasons.</p>';
    echo "<!doctype html><html><head><title>There has been an error processing your request</title></head><body><main class=\"page-main\"><h1>There has been an error processing your request</h1>$detail<p>Error log record number: $id</p></main></body></html>";
}

// Routes
if ($route === 'report') { errorReport(); return; }

if ($path === '/magento_version' || $path === '/magento_version/') {
    if ($versionOn) { header('Content-Type: text/html; charset=UTF-8'); echo 'Magento/2.4 (Community)'; return; }
    noRoute(); return;
}

if (preg_match('#^/rest(?:/[a-z_]+)?/V1/(.*)$#', $path, $m)) {
    $resource = $m[1];
    $method = $_SERVER['REQUEST_METHOD'];
    if ($method === 'POST' || $method === 'PUT') {
        $raw = file_get_contents('php://input');
        if ($raw !== '' && json_decode($raw) === null) {
            $body = ['message' => 'Decoding error.'];
            if ($developer) $body['trace'] = "#0 /var/www/magento/vendor/magento/framework/Webapi/Rest/Request/Deserializer/Json.php(62): Magento\\Framework\\Serialize\\Serializer\\Json->unserialize('{\"username\":')\n" . trace();
            json(400, $body); return;
        }
    }
    $protected = ['products' => 'Magento_Catalog::products', 'categories' => 'Magento_Catalog::categories', 'cmsPage/1' => 'Magento_Cms::page'];
    if (isset($protected[$resource]) && $method === 'GET') {
        if (!$restOpen) { json(401, ['message' => "The consumer isn't authorized to access %resources.", 'parameters' => ['resources' => $protected[$resource]]]); return; }
        $data = ['products' => ['items' => [['id' => 1, 'sku' => '24-MB01', 'name' => 'Joust Duffle Bag', 'price' => 34]], 'search_criteria' => ['page_size' => 1], 'total_count' => 2046],
            'categories' => ['id' => 1, 'parent_id' => 0, 'name' => 'Root Catalog', 'is_active' => true, 'children_data' => []],
            'cmsPage/1' => ['id' => 1, 'identifier' => 'no-route', 'title' => '404 Not Found', 'active' => true]];
        json(200, $data[$resource]); return;
    }
    $body = ['message' => 'Request does not match any route.'];
    if ($developer) $body['trace'] = trace();
    json(404, $body); return;
}

if ($path === '/graphql') {
    $error = ['message' => 'Syntax Error: Unexpected <EOF>', 'locations' => [['line' => 1, 'column' => 1]], 'extensions' => ['category' => 'graphql']];
    if ($developer) $error['extensions']['trace'] = explode("\n", trace());
    json(200, ['errors' => [$error]]); return;
}

$admin = '/' . $adminName;
if ($path === $admin || str_starts_with($path, "$admin/")) {
    if ($viaIndex) { http_response_code(302); header("Location: $base$admin/"); return; }
    adminLogin(); return;
}

if ($path === '/') {
    page(200, 'Home page', 'cms-home cms-index-index page-layout-1column', '<div class="block widget block-products-list grid"><h2>Hot Sellers</h2></div>');
    return;
}

noRoute();
