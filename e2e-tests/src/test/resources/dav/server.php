<?php
// sabre/dav 1.8 (Debian php-sabre-dav) in Nextcloud's URL layout, for tests behind the Nextcloud simulator.
// The simulator checks the caller's app password itself and forwards with this server's own per-user
// password, listed in $DAV_DATA/users.json (written by the Java harness, DavServer). A user's principal,
// calendar "personal", address book "contacts" and files folder are created on their first request,
// as Nextcloud pre-creates them.
error_reporting(E_ALL & ~E_DEPRECATED);   // sabre 1.8 predates PHP 8.2
date_default_timezone_set('UTC');
require_once 'Sabre/autoload.php';

$data = getenv('DAV_DATA');
if (!$data || !is_dir($data)) {
    http_response_code(500);
    echo 'DAV_DATA is not set to a directory';
    return;
}

$pdo = new PDO('sqlite:' . $data . '/db.sqlite');
$pdo->setAttribute(PDO::ATTR_ERRMODE, PDO::ERRMODE_EXCEPTION);
$pdo->exec('PRAGMA busy_timeout = 5000');   // several php -S workers share the file

class SimulatorUsers extends \Sabre\DAV\Auth\Backend\AbstractBasic {
    private $pdo;
    private $data;
    function __construct($pdo, $data) { $this->pdo = $pdo; $this->data = $data; }
    protected function validateUserPass($user, $password) {
        $users = json_decode(@file_get_contents($this->data . '/users.json'), true) ?: [];
        if (!isset($users[$user]) || !hash_equals($users[$user], (string) $password)) {
            return false;
        }
        $this->provision($user);
        return true;
    }
    private function provision($user) {
        $principal = 'principals/users/' . $user;
        $this->pdo->exec('BEGIN IMMEDIATE');   // a user's first requests may arrive at several workers at once
        $exists = $this->pdo->prepare('SELECT 1 FROM principals WHERE uri = ?');
        $exists->execute([$principal]);
        if (!$exists->fetchColumn()) {
            $this->pdo->prepare('INSERT INTO principals (uri, email, displayname) VALUES (?, ?, ?)')
                ->execute([$principal, $user . '@example.com', $user]);
            $this->pdo->prepare("INSERT INTO calendars (principaluri, displayname, uri, ctag, components, transparent)"
                . " VALUES (?, 'Personal', 'personal', 1, 'VEVENT,VTODO', 0)")->execute([$principal]);
            $this->pdo->prepare("INSERT INTO addressbooks (principaluri, displayname, uri, ctag)"
                . " VALUES (?, 'Contacts', 'contacts', 1)")->execute([$principal]);
        }
        $this->pdo->exec('COMMIT');
        if (!is_dir($this->data . '/files/' . $user)) {
            @mkdir($this->data . '/files/' . $user, 0700, true);
        }
    }
}

/** files/<user>/…: each user sees only their own folder; others' are "not found", as Nextcloud hides them. */
class FilesRoot extends \Sabre\DAV\Collection {
    private $auth;
    private $data;
    function __construct($auth, $data) { $this->auth = $auth; $this->data = $data; }
    function getName() { return 'files'; }
    function getChildren() {
        $user = $this->auth->getCurrentUser();
        return $user === null ? [] : [new \Sabre\DAV\FSExt\Directory($this->data . '/files/' . $user)];
    }
    function getChild($name) {
        if ($name !== $this->auth->getCurrentUser()) {
            throw new \Sabre\DAV\Exception\NotFound('File with name ' . $name . ' could not be located');
        }
        return new \Sabre\DAV\FSExt\Directory($this->data . '/files/' . $name);
    }
}

/**
 * Below a home root (calendars/, addressbooks/users/) only the signed-in user's own home exists; others' are "not
 * found", as Nextcloud answers them. sabre 1.8 lists and serves every principal's home here, and its ACL plugin
 * does not stop a REPORT (addressbook-query, or a multiget naming another user's hrefs) from returning their data.
 */
trait OwnHomeOnly {
    private $auth;
    function getChildren() {
        $user = $this->auth->getCurrentUser();
        return $user === null ? [] : [$this->getChild($user)];
    }
    function getChild($name) {
        if ($name !== $this->auth->getCurrentUser()) {
            throw new \Sabre\DAV\Exception\NotFound('Node with name ' . $name . ' could not be found');
        }
        return parent::getChild($name);
    }
}

class OwnCalendarRoot extends \Sabre\CalDAV\CalendarRootNode {
    use OwnHomeOnly;
    function __construct($auth, $principals, $caldav) { $this->auth = $auth; parent::__construct($principals, $caldav, 'principals/users'); }
}

/** addressbooks/users/<user>/, Nextcloud's address book home. */
class UsersAddressBookRoot extends \Sabre\CardDAV\AddressBookRoot {
    use OwnHomeOnly;
    function __construct($auth, $principals, $carddav) { $this->auth = $auth; parent::__construct($principals, $carddav, 'principals/users'); }
    function getName() { return 'users'; }
}

/** sabre 1.8 names addressbooks/<user>/ as the addressbook-home-set; Nextcloud's home is addressbooks/users/<user>/. */
class NextcloudCardDavPlugin extends \Sabre\CardDAV\Plugin {
    public function beforeGetProperties($path, \Sabre\DAV\INode $node, array &$requested, array &$returned) {
        $home = '{' . self::NS_CARDDAV . '}addressbook-home-set';
        if ($node instanceof \Sabre\DAVACL\IPrincipal && in_array($home, $requested)) {
            unset($requested[array_search($home, $requested)]);
            $returned[200][$home] = new \Sabre\DAV\Property\Href(self::ADDRESSBOOK_ROOT . '/users/' . $node->getName() . '/');
        }
        return parent::beforeGetProperties($path, $node, $requested, $returned);
    }
}

/**
 * oc:fileid for files/<user>/…: the ids the Nextcloud simulator gave its files (notes and recipes are files there),
 * read from $DAV_DATA/fileids.json, which the simulator rewrites after every change ({"<user>/<path>": id}).
 */
class FileIds extends \Sabre\DAV\ServerPlugin {
    const FILEID = '{http://owncloud.org/ns}fileid';
    private $data;
    private $ids;
    function __construct($data) { $this->data = $data; }
    function initialize(\Sabre\DAV\Server $server) {
        $server->xmlNamespaces['http://owncloud.org/ns'] = 'oc';
        $server->subscribeEvent('beforeGetProperties', [$this, 'beforeGetProperties']);
    }
    function beforeGetProperties($path, $node, &$requested, &$returned) {
        $wanted = array_search(self::FILEID, $requested, true);
        $path = trim($path, '/');
        if ($wanted === false || strpos($path, 'files/') !== 0) {
            return;
        }
        if ($this->ids === null) {
            $this->ids = json_decode(@file_get_contents($this->data . '/fileids.json'), true) ?: [];
        }
        $key = substr($path, strlen('files/'));
        if (isset($this->ids[$key])) {
            $returned[200][self::FILEID] = (string) $this->ids[$key];
            unset($requested[$wanted]);
        }
    }
}

$pdo->exec(file_get_contents(__DIR__ . '/schema.sql'));
$users = new SimulatorUsers($pdo, $data);
$principals = new \Sabre\DAVACL\PrincipalBackend\PDO($pdo);
$caldav = new \Sabre\CalDAV\Backend\PDO($pdo);
$carddav = new \Sabre\CardDAV\Backend\PDO($pdo);
$tree = [
    new \Sabre\DAV\SimpleCollection('principals', [new \Sabre\CalDAV\Principal\Collection($principals, 'principals/users')]),
    new OwnCalendarRoot($users, $principals, $caldav),
    new \Sabre\DAV\SimpleCollection('addressbooks', [new UsersAddressBookRoot($users, $principals, $carddav)]),
    new FilesRoot($users, $data),
];
$server = new \Sabre\DAV\Server($tree);
$server->setBaseUri('/remote.php/dav/');
$server->addPlugin(new \Sabre\DAV\Auth\Plugin($users, 'Nextcloud'));
$server->addPlugin(new \Sabre\CalDAV\Plugin());
$server->addPlugin(new NextcloudCardDavPlugin());
$acl = new \Sabre\DAVACL\Plugin();
$acl->principalCollectionSet = ['principals/users'];
$acl->defaultUsernamePath = 'principals/users';   // without it, current-user-principal is principals/<user>
$server->addPlugin($acl);
$server->addPlugin(new FileIds($data));
$server->addPlugin(new \Sabre\DAV\Locks\Plugin(new \Sabre\DAV\Locks\Backend\File($data . '/locks')));
$server->exec();
