<?php
// pub/errors/report.php of the lab store: Magento's error report page.
$MAGE_LAB_ROUTE = 'report';
require __DIR__ . '/../index.php';
