/** The demo store's content: just enough Magento-looking markup for the probes to recognise. */
export const HOME_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8"/>
<title>Home page</title>
<link rel="stylesheet" type="text/css" media="all" href="/static/version1700000000/frontend/Magento/luma/en_US/css/styles-m.css"/>
<script type="text/x-magento-init">{"*": {"Magento_Ui/js/core/app": {}}}</script>
</head>
<body class="cms-index-index page-layout-1column">
<h1>Demo Store</h1>
<p>A deliberately misconfigured store for mageprobe's demo. Never deploy anything like it.</p>
</body>
</html>
`;

export const NOT_FOUND_PAGE = `<!doctype html>
<html><head><title>404 Not Found</title></head>
<body class="cms-no-route"><h1>Whoops, our bad...</h1><p>The page you requested was not found.</p></body></html>
`;

export const STYLESHEET = 'body { font-family: sans-serif; }\n';
